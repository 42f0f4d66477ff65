#pragma once

// The order status machine, exactly the contract's:
//   pending_payment → paid → shipped → delivered
//   pending_payment → cancelled
//   paid → cancelled (the payment is refunded)
//   paid | shipped | delivered → refunded | partially_refunded
// plus partially_refunded → partially_refunded | refunded, because partial refunds add up
// (a second partial refund, or one that completes the amount).

#include "services/order/domain/order.hpp"

namespace um::order {

bool canTransition(OrderStatus from, OrderStatus to);
// Throws Error 409 invalid_transition naming both statuses.
void requireTransition(OrderStatus from, OrderStatus to);

// The statuses from which an order can move to `to`, for conditional updates.
std::vector<OrderStatus> sourcesOf(OrderStatus to);

// Refunds are possible from these (the money was captured and not all of it returned).
bool isRefundable(OrderStatus status);

}  // namespace um::order

#pragma once

// The contract's Order object: {id, number, status, email, items, subtotal, shipping, tax,
// total, shippingAddress, payment: {provider, status, clientSecret?, approvalUrl?},
// statusHistory, createdAt} plus refunded, shipment, expiresAt and updatedAt.

#include "core/http/message.hpp"
#include "services/order/domain/order.hpp"
#include "services/order/domain/order_service.hpp"
#include "services/order/domain/order_store.hpp"

namespace um::order {

http::Json orderJson(const Order& order);
http::Json addressJson(const ShippingAddress& address);
http::Json pageJson(const OrderPage& page);
// POST /v2/orders/quote: {currency, items, itemCount, subtotal, shipping, tax, total, taxRate}.
http::Json quoteJson(const Quote& quote);

}  // namespace um::order

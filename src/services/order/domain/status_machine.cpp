#include "services/order/domain/status_machine.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"

namespace um::order {

namespace {

using S = OrderStatus;

constexpr std::array<std::pair<S, S>, 12> kTransitions{{
    {S::kPendingPayment, S::kPaid},
    {S::kPendingPayment, S::kCancelled},
    {S::kPaid, S::kShipped},
    {S::kShipped, S::kDelivered},
    {S::kPaid, S::kCancelled},
    {S::kPaid, S::kRefunded},
    {S::kPaid, S::kPartiallyRefunded},
    {S::kShipped, S::kRefunded},
    {S::kShipped, S::kPartiallyRefunded},
    {S::kDelivered, S::kRefunded},
    {S::kDelivered, S::kPartiallyRefunded},
    {S::kPartiallyRefunded, S::kRefunded},
}};

constexpr std::array<S, 7> kAll{S::kPendingPayment, S::kPaid,      S::kShipped,
                                S::kDelivered,      S::kCancelled, S::kRefunded,
                                S::kPartiallyRefunded};

}  // namespace

std::string toString(OrderStatus status) {
  switch (status) {
    case S::kPendingPayment: return "pending_payment";
    case S::kPaid: return "paid";
    case S::kShipped: return "shipped";
    case S::kDelivered: return "delivered";
    case S::kCancelled: return "cancelled";
    case S::kRefunded: return "refunded";
    case S::kPartiallyRefunded: return "partially_refunded";
  }
  return "unknown";
}

std::optional<OrderStatus> parseOrderStatus(const std::string& text) {
  for (auto s : kAll) {
    if (toString(s) == text) return s;
  }
  return std::nullopt;
}

bool canTransition(OrderStatus from, OrderStatus to) {
  // A further partial refund keeps the status but is still a change worth recording.
  if (from == S::kPartiallyRefunded && to == S::kPartiallyRefunded) return true;
  for (const auto& [a, b] : kTransitions) {
    if (a == from && b == to) return true;
  }
  return false;
}

void requireTransition(OrderStatus from, OrderStatus to) {
  if (!canTransition(from, to)) {
    throw Error::conflict("invalid_transition",
                          "an order cannot go from " + toString(from) + " to " + toString(to));
  }
}

std::vector<OrderStatus> sourcesOf(OrderStatus to) {
  std::vector<OrderStatus> out;
  for (auto s : kAll) {
    if (canTransition(s, to)) out.push_back(s);
  }
  return out;
}

bool isRefundable(OrderStatus status) {
  return canTransition(status, S::kRefunded);
}

}  // namespace um::order

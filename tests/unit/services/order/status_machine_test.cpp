#include "services/order/domain/status_machine.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace um::order {
namespace {

using S = OrderStatus;

TEST(OrderStatusMachineTest, AllowsExactlyTheContractsTransitions) {
  const std::vector<std::pair<S, S>> allowed = {
      {S::kPendingPayment, S::kPaid},     {S::kPendingPayment, S::kCancelled},
      {S::kPaid, S::kShipped},            {S::kShipped, S::kDelivered},
      {S::kPaid, S::kCancelled},          {S::kPaid, S::kRefunded},
      {S::kPaid, S::kPartiallyRefunded},  {S::kShipped, S::kRefunded},
      {S::kShipped, S::kPartiallyRefunded}, {S::kDelivered, S::kRefunded},
      {S::kDelivered, S::kPartiallyRefunded}, {S::kPartiallyRefunded, S::kRefunded},
      {S::kPartiallyRefunded, S::kPartiallyRefunded},
  };
  const std::vector<S> all = {S::kPendingPayment, S::kPaid,      S::kShipped,
                              S::kDelivered,      S::kCancelled, S::kRefunded,
                              S::kPartiallyRefunded};
  for (auto from : all) {
    for (auto to : all) {
      const bool expected =
          std::find(allowed.begin(), allowed.end(), std::make_pair(from, to)) != allowed.end();
      EXPECT_EQ(canTransition(from, to), expected) << toString(from) << " -> " << toString(to);
    }
  }
}

TEST(OrderStatusMachineTest, IllegalChangeIsConflictInvalidTransition) {
  try {
    requireTransition(S::kDelivered, S::kShipped);
    FAIL() << "expected a throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_EQ(e.code(), "invalid_transition");
  }
  EXPECT_THROW(requireTransition(S::kCancelled, S::kPaid), Error);
  EXPECT_THROW(requireTransition(S::kPendingPayment, S::kShipped), Error);
  EXPECT_THROW(requireTransition(S::kShipped, S::kCancelled), Error);
  EXPECT_THROW(requireTransition(S::kRefunded, S::kPartiallyRefunded), Error);
  EXPECT_NO_THROW(requireTransition(S::kPaid, S::kShipped));
}

TEST(OrderStatusMachineTest, CancelledAndRefundedAreTerminal) {
  EXPECT_TRUE(sourcesOf(S::kPendingPayment).empty());
  EXPECT_FALSE(isRefundable(S::kCancelled));
  EXPECT_FALSE(isRefundable(S::kPendingPayment));
  EXPECT_FALSE(isRefundable(S::kRefunded));
  EXPECT_TRUE(isRefundable(S::kDelivered));
  EXPECT_TRUE(isRefundable(S::kPartiallyRefunded));
}

TEST(OrderStatusMachineTest, StatusNamesRoundTrip) {
  for (auto s : {S::kPendingPayment, S::kPaid, S::kShipped, S::kDelivered, S::kCancelled,
                 S::kRefunded, S::kPartiallyRefunded}) {
    EXPECT_EQ(parseOrderStatus(toString(s)), s);
  }
  EXPECT_EQ(toString(S::kPendingPayment), "pending_payment");
  EXPECT_EQ(toString(S::kPartiallyRefunded), "partially_refunded");
  EXPECT_FALSE(parseOrderStatus("PAID").has_value());
  EXPECT_FALSE(parseOrderStatus("").has_value());
}

}  // namespace
}  // namespace um::order

#include "services/analytics/domain/metric_definitions.hpp"

#include <gtest/gtest.h>

namespace um::analytics {
namespace {

TEST(MetricDefinitionsTest, RatiosRoundToFourDecimalsAndReadZeroWithoutData) {
  EXPECT_DOUBLE_EQ(ratio(1, 3), 0.3333);
  EXPECT_DOUBLE_EQ(ratio(2, 3), 0.6667);
  EXPECT_DOUBLE_EQ(ratio(5, 5), 1.0);
  EXPECT_DOUBLE_EQ(ratio(3, 0), 0.0);
}

TEST(MetricDefinitionsTest, OrderCompletionIsPaidOverCreated) {
  EXPECT_DOUBLE_EQ(orderCompletionRate(4, 3), 0.75);
  EXPECT_DOUBLE_EQ(orderCompletionRate(0, 0), 0.0);
}

TEST(MetricDefinitionsTest, PaymentSuccessIgnoresCancelledAttempts) {
  EXPECT_DOUBLE_EQ(paymentSuccessRate(3, 1), 0.75);
  EXPECT_DOUBLE_EQ(paymentSuccessRate(0, 2), 0.0);
  EXPECT_DOUBLE_EQ(paymentSuccessRate(0, 0), 0.0);
}

TEST(MetricDefinitionsTest, CartAbandonmentIsOneMinusPurchasesOverCarts) {
  EXPECT_DOUBLE_EQ(cartAbandonmentRate(5, 3), 0.4);
  EXPECT_DOUBLE_EQ(cartAbandonmentRate(3, 3), 0.0);
  // More purchases than carts (carts made before the window) never reads below zero.
  EXPECT_DOUBLE_EQ(cartAbandonmentRate(2, 5), 0.0);
  EXPECT_DOUBLE_EQ(cartAbandonmentRate(0, 4), 0.0);
}

TEST(MetricDefinitionsTest, AverageOrderValueRoundsHalfUpInMinorUnits) {
  EXPECT_EQ(averageOrderValue(1000, 4), 250);
  EXPECT_EQ(averageOrderValue(1001, 2), 501);  // 500.5 → 501
  EXPECT_EQ(averageOrderValue(1000, 3), 333);  // 333.33 → 333
  EXPECT_EQ(averageOrderValue(2000, 3), 667);  // 666.67 → 667
  EXPECT_EQ(averageOrderValue(500, 0), 0);
}

}  // namespace
}  // namespace um::analytics

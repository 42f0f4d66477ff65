#include "adapters/payments/test/test_provider.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace um::payment {
namespace {

TEST(TestProviderCardsTest, StripesTestNumbersBehaveAsDocumented) {
  EXPECT_FALSE(testCardDecline("4242424242424242").has_value());
  EXPECT_EQ(testCardDecline("4000000000000002"), "card_declined");
  EXPECT_EQ(testCardDecline("4000000000009995"), "insufficient_funds");
}

TEST(TestProviderCardsTest, OnlyLuhnValidNumbersAreCards) {
  EXPECT_TRUE(isPlausibleCardNumber("4242424242424242"));
  EXPECT_TRUE(isPlausibleCardNumber("4000000000000002"));
  EXPECT_TRUE(isPlausibleCardNumber("5555555555554444"));
  EXPECT_FALSE(isPlausibleCardNumber("4242424242424241"));
  EXPECT_FALSE(isPlausibleCardNumber("4242 4242 4242 4242"));
  EXPECT_FALSE(isPlausibleCardNumber("42424242"));
  EXPECT_FALSE(isPlausibleCardNumber(""));
}

}  // namespace
}  // namespace um::payment

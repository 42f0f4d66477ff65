#include "adapters/payments/common/money_format.hpp"

#include <gtest/gtest.h>

namespace um::payment {
namespace {

TEST(MoneyFormatTest, FormatsMinorUnitsPerCurrency) {
  EXPECT_EQ(formatDecimal(1999, currencyExponent("USD")), "19.99");
  EXPECT_EQ(formatDecimal(5, currencyExponent("EUR")), "0.05");
  EXPECT_EQ(formatDecimal(0, 2), "0.00");
  EXPECT_EQ(formatDecimal(1500, currencyExponent("JPY")), "1500");
  EXPECT_EQ(formatDecimal(1234, currencyExponent("KWD")), "1.234");
}

TEST(MoneyFormatTest, ParsesExactlyOrNotAtAll) {
  EXPECT_EQ(parseDecimal("19.99", 2), 1999);
  EXPECT_EQ(parseDecimal("19.9", 2), 1990);
  EXPECT_EQ(parseDecimal("19", 2), 1900);
  EXPECT_EQ(parseDecimal("1500", 0), 1500);
  EXPECT_FALSE(parseDecimal("19.999", 2).has_value());
  EXPECT_FALSE(parseDecimal("1.5", 0).has_value());
  EXPECT_FALSE(parseDecimal("-1.00", 2).has_value());
  EXPECT_FALSE(parseDecimal("1..0", 2).has_value());
  EXPECT_FALSE(parseDecimal("", 2).has_value());
}

}  // namespace
}  // namespace um::payment

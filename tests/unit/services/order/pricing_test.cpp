#include "services/order/domain/pricing.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace um::order {
namespace {

PricingRules rules() {
  PricingRules r;
  r.shippingFlatRate = 499;
  r.freeShippingThreshold = 5000;
  r.taxRates = {{"DE", 1900}, {"US", 725}};
  r.defaultTaxRate = 0;
  return r;
}

std::vector<OrderLine> lines(std::initializer_list<std::pair<std::int64_t, std::int64_t>> l) {
  std::vector<OrderLine> out;
  for (auto [price, qty] : l) {
    OrderLine line;
    line.unitPrice = price;
    line.quantity = qty;
    out.push_back(line);
  }
  return out;
}

TEST(OrderPricingTest, BelowThresholdPaysFlatShipping) {
  auto l = lines({{1000, 2}, {250, 1}});
  const auto t = priceOrder(rules(), l, "FR");  // no rate for FR, default 0
  EXPECT_EQ(l[0].lineTotal, 2000);
  EXPECT_EQ(l[1].lineTotal, 250);
  EXPECT_EQ(t.subtotal, 2250);
  EXPECT_EQ(t.shipping, 499);
  EXPECT_EQ(t.tax, 0);
  EXPECT_EQ(t.total, 2749);
}

TEST(OrderPricingTest, AtThresholdShippingIsFree) {
  auto l = lines({{2500, 2}});
  const auto t = priceOrder(rules(), l, "FR");
  EXPECT_EQ(t.shipping, 0);
  EXPECT_EQ(t.total, 5000);
}

TEST(OrderPricingTest, ZeroThresholdNeverFree) {
  auto r = rules();
  r.freeShippingThreshold = 0;
  auto l = lines({{100000, 1}});
  EXPECT_EQ(priceOrder(r, l, "FR").shipping, 499);
}

TEST(OrderPricingTest, TaxByCountryOnGoodsAndShippingRoundedHalfUp) {
  auto l = lines({{1000, 1}});
  // (1000 + 499) × 19 % = 284.81 → 285
  const auto de = priceOrder(rules(), l, "DE");
  EXPECT_EQ(de.tax, 285);
  EXPECT_EQ(de.total, 1000 + 499 + 285);
  // (1000 + 499) × 7.25 % = 108.6775 → 109
  EXPECT_EQ(priceOrder(rules(), l, "US").tax, 109);
  // exactly half: 2 × 25 % = 0.5 → 1
  auto r = rules();
  r.shippingFlatRate = 0;
  r.taxRates = {{"XX", 2500}};
  auto tiny = lines({{2, 1}});
  EXPECT_EQ(priceOrder(r, tiny, "XX").tax, 1);
}

TEST(OrderPricingTest, DefaultRateForUnlistedCountries) {
  auto r = rules();
  r.defaultTaxRate = 2000;
  auto l = lines({{10000, 1}});
  EXPECT_EQ(priceOrder(r, l, "GB").tax, 2000);
  EXPECT_EQ(taxRateFor(r, "DE"), 1900);
  EXPECT_EQ(taxRateFor(r, "GB"), 2000);
}

TEST(OrderPricingTest, TotalsAlwaysAddUp) {
  for (std::int64_t price : {1, 99, 1234, 4999, 5000, 77777}) {
    for (const char* country : {"DE", "US", "FR"}) {
      auto l = lines({{price, 3}});
      const auto t = priceOrder(rules(), l, country);
      EXPECT_EQ(t.total, t.subtotal + t.shipping + t.tax);
    }
  }
}

TEST(OrderPricingTest, RefusesNonPositiveQuantitiesAndOverflow) {
  auto zero = lines({{100, 0}});
  EXPECT_THROW(priceOrder(rules(), zero, "DE"), Error);
  auto huge = lines({{INT64_MAX / 2, 3}});
  EXPECT_THROW(priceOrder(rules(), huge, "DE"), Error);
}

}  // namespace
}  // namespace um::order

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace um {
namespace {

Config load(std::map<std::string, std::string> vars) {
  return loadConfig([vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

TEST(CheckoutConfigTest, DefaultsAreFlatRateWithFreeThresholdAndNoTax) {
  const auto c = load({});
  EXPECT_EQ(c.checkout.shippingFlatRate, 499);
  EXPECT_EQ(c.checkout.freeShippingThreshold, 5000);
  EXPECT_TRUE(c.checkout.taxRates.empty());
  EXPECT_EQ(c.checkout.defaultTaxRate, 0);
  EXPECT_EQ(c.checkout.reservationTtl, std::chrono::minutes(15));
}

TEST(CheckoutConfigTest, ReadsRatesAsExactBasisPoints) {
  const auto c = load({{"TAX_RATES", "DE=19, FR=20,US=7.25,JP=10.5"},
                       {"TAX_DEFAULT_RATE", "8"},
                       {"SHIPPING_FLAT_RATE", "799"},
                       {"FREE_SHIPPING_THRESHOLD", "0"},
                       {"ORDER_RESERVATION_TTL", "10m"},
                       {"PAYMENT_RECONCILE_AFTER", "30s"}});
  EXPECT_EQ(c.checkout.taxRates.at("DE"), 1900);
  EXPECT_EQ(c.checkout.taxRates.at("FR"), 2000);
  EXPECT_EQ(c.checkout.taxRates.at("US"), 725);
  EXPECT_EQ(c.checkout.taxRates.at("JP"), 1050);
  EXPECT_EQ(c.checkout.defaultTaxRate, 800);
  EXPECT_EQ(c.checkout.shippingFlatRate, 799);
  EXPECT_EQ(c.checkout.freeShippingThreshold, 0);
  EXPECT_EQ(c.checkout.reservationTtl, std::chrono::minutes(10));
  EXPECT_EQ(c.checkout.paymentReconcileAfter, std::chrono::seconds(30));
}

TEST(CheckoutConfigTest, MalformedValuesNameTheVariable) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"TAX_RATES", "DE:19"},
                                          {"TAX_RATES", "de=19"},
                                          {"TAX_RATES", "DE=19.123"},
                                          {"TAX_RATES", "DE=101"},
                                          {"TAX_DEFAULT_RATE", "abc"},
                                          {"SHIPPING_FLAT_RATE", "-1"},
                                          {"ORDER_RESERVATION_TTL", "2d"}}) {
    try {
      load({{name, value}});
      ADD_FAILURE() << name << "=" << value << " was accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace um

#pragma once

// What an order costs on top of its goods: flat-rate shipping that is free from a
// threshold, and tax by destination country. Integer arithmetic only (minor units and basis
// points); tax is rounded half up, once, on the whole taxable amount.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "services/order/domain/order.hpp"

namespace um::order {

struct PricingRules {
  std::int64_t shippingFlatRate = 0;
  std::int64_t freeShippingThreshold = 0;  // 0: shipping is never free
  std::map<std::string, int> taxRates;     // country → basis points
  int defaultTaxRate = 0;                  // basis points, for countries not listed
  // Most VAT/GST regimes tax the delivery charge with the goods; so do we.
  bool taxShipping = true;
};

struct Totals {
  std::int64_t subtotal = 0;
  std::int64_t shipping = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;
};

int taxRateFor(const PricingRules& rules, const std::string& country);
// Fills each line's lineTotal and returns the order's totals.
Totals priceOrder(const PricingRules& rules, std::vector<OrderLine>& lines,
                  const std::string& country);

}  // namespace um::order

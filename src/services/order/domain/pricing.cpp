#include "services/order/domain/pricing.hpp"

#include <limits>

#include "core/error.hpp"

namespace um::order {

namespace {

// Bounds every product and sum below so that amount × 10000 (basis points) cannot overflow.
constexpr std::int64_t kMaxAmount = std::numeric_limits<std::int64_t>::max() / 100'000;

std::int64_t checkedAdd(std::int64_t a, std::int64_t b) {
  if (a > kMaxAmount - b) throw Error::validation("items", "order total too large");
  return a + b;
}

}  // namespace

int taxRateFor(const PricingRules& rules, const std::string& country) {
  auto it = rules.taxRates.find(country);
  return it == rules.taxRates.end() ? rules.defaultTaxRate : it->second;
}

Totals priceOrder(const PricingRules& rules, std::vector<OrderLine>& lines,
                  const std::string& country) {
  Totals t;
  for (auto& line : lines) {
    if (line.quantity <= 0 || line.unitPrice < 0) {
      throw Error::validation("items", "every line needs a positive quantity and a price");
    }
    if (line.unitPrice > 0 && line.quantity > kMaxAmount / line.unitPrice) {
      throw Error::validation("items", "order total too large");
    }
    line.lineTotal = line.unitPrice * line.quantity;
    t.subtotal = checkedAdd(t.subtotal, line.lineTotal);
  }
  const bool freeShipping =
      rules.freeShippingThreshold > 0 && t.subtotal >= rules.freeShippingThreshold;
  t.shipping = freeShipping ? 0 : rules.shippingFlatRate;
  const std::int64_t taxable = checkedAdd(t.subtotal, rules.taxShipping ? t.shipping : 0);
  const std::int64_t rate = taxRateFor(rules, country);
  t.tax = (taxable * rate + 5000) / 10000;  // half up; amounts are never negative
  t.total = checkedAdd(checkedAdd(t.subtotal, t.shipping), t.tax);
  return t;
}

}  // namespace um::order

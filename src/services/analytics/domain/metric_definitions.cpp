#include "services/analytics/domain/metric_definitions.hpp"

#include <algorithm>
#include <cmath>

namespace um::analytics {

double ratio(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return 0.0;
  const double r = static_cast<double>(numerator) / static_cast<double>(denominator);
  return std::round(r * 10000.0) / 10000.0;
}

double orderCompletionRate(std::int64_t ordersCreated, std::int64_t ordersCreatedAndPaid) {
  return ratio(ordersCreatedAndPaid, ordersCreated);
}

double paymentSuccessRate(std::int64_t succeeded, std::int64_t failed) {
  return ratio(succeeded, succeeded + failed);
}

double cartAbandonmentRate(std::int64_t cartsCreated, std::int64_t paidOrders) {
  if (cartsCreated <= 0) return 0.0;
  return std::clamp(1.0 - ratio(std::min(paidOrders, cartsCreated), cartsCreated), 0.0, 1.0);
}

std::int64_t averageOrderValue(std::int64_t grossPaid, std::int64_t paidOrders) {
  if (paidOrders <= 0) return 0;
  // Integer half-up rounding: money never passes through floating point.
  return (grossPaid * 2 + paidOrders) / (paidOrders * 2);
}

}  // namespace um::analytics

#pragma once

// The business metrics' arithmetic, apart from how the counts are gathered, so each
// definition in docs/analytics.md is tested on figures worked out by hand.

#include <cstdint>

namespace um::analytics {

// numerator / denominator rounded to 4 decimals; 0 when the denominator is 0 (nothing to
// measure reads as 0, never as NaN on a dashboard).
double ratio(std::int64_t numerator, std::int64_t denominator);

// Orders created in the window that were paid, over orders created in the window.
double orderCompletionRate(std::int64_t ordersCreated, std::int64_t ordersCreatedAndPaid);

// Succeeded payments over succeeded plus failed ones (cancelled attempts excluded).
double paymentSuccessRate(std::int64_t succeeded, std::int64_t failed);

// 1 − paid orders / carts created (Baymard's definition), clamped to [0, 1].
double cartAbandonmentRate(std::int64_t cartsCreated, std::int64_t paidOrders);

// Gross value of paid orders over their number, in minor units, rounded half up.
std::int64_t averageOrderValue(std::int64_t grossPaid, std::int64_t paidOrders);

}  // namespace um::analytics

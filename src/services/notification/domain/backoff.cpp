#include "services/notification/domain/backoff.hpp"

#include <algorithm>
#include <cstdint>

namespace um::notification {

std::chrono::seconds retryDelay(const RetryPolicy& policy, int failedAttempts) {
  const int exponent = std::max(failedAttempts, 1) - 1;
  std::chrono::seconds delay = policy.base;
  // Doubling stops at the cap, so no exponent can overflow.
  for (int i = 0; i < exponent && delay < policy.max; ++i) delay *= 2;
  return std::min(delay, policy.max);
}

bool attemptsExhausted(const RetryPolicy& policy, int attempts) {
  return attempts >= policy.maxAttempts;
}

std::chrono::milliseconds withJitter(std::chrono::seconds delay, double unit) {
  const double u = std::clamp(unit, 0.0, 1.0);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(delay);
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(static_cast<double>(ms.count()) * (1.0 - 0.2 * u)));
}

}  // namespace um::notification

#pragma once

// When a failed delivery is tried again. Exponential: the n-th retry waits base·2^(n-1),
// capped, so a provider that is down for a minute costs a few quick retries and one down
// for a day is not hammered. Jitter spreads the retries of many deliveries that failed
// together (a provider outage), so they do not all return at the same instant.

#include <chrono>

namespace um::notification {

struct RetryPolicy {
  int maxAttempts = 8;                  // attempts in all, the first one included
  std::chrono::seconds base{30};
  std::chrono::seconds max{3600};
};

// The wait after `failedAttempts` (≥ 1) failures; never above policy.max.
std::chrono::seconds retryDelay(const RetryPolicy& policy, int failedAttempts);

// True when no attempt is left after `attempts` attempts.
bool attemptsExhausted(const RetryPolicy& policy, int attempts);

// Shortens `delay` by up to a fifth: `unit` in [0, 1) is the random draw (injected, so
// tests are deterministic).
std::chrono::milliseconds withJitter(std::chrono::seconds delay, double unit);

}  // namespace um::notification

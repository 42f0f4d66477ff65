#pragma once

// Brute-force protection for logins, on the cache port (shared by every replica once the
// cache is Redis). Failures are counted per account and per client address in a fixed
// window. Below the threshold a failed attempt is answered a little later each time
// (slowed); at the threshold the key is locked and every attempt, right password or not,
// gets 429 with Retry-After until the lock ends; each further failure after a lock doubles
// it, up to a cap. A successful login clears the account's counter. The address counter is
// not cleared by a success, only by its window: otherwise an attacker spraying passwords
// over many accounts could reset it by logging into an account of their own.
//
// The account key is the SHA-256 of the normalised email, so the cache holds no addresses.

#include <chrono>
#include <cstdint>
#include <string>

#include "adapters/cache/cache.hpp"
#include "core/clock.hpp"

namespace um::auth {

struct ThrottlePolicy {
  std::int64_t accountThreshold = 5;   // failures per window before the account locks
  std::int64_t addressThreshold = 50;  // failures per window before the address locks
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds accountBaseLock{30};
  std::chrono::seconds addressBaseLock{60};
  std::chrono::seconds maxLock{15 * 60};
  std::chrono::milliseconds delayStep{100};  // per earlier failure, below the threshold
};

class LoginThrottle {
 public:
  LoginThrottle(cache::Cache& cache, const Clock& clock, ThrottlePolicy policy = {});

  // Throws Error(kRateLimited, "too_many_attempts") with Retry-After while either key is locked.
  void check(const std::string& normalizedEmail, const std::string& address) const;
  // Counts a failure; returns how long to hold the answer back (zero once locked, since the
  // next attempt gets 429 anyway).
  std::chrono::milliseconds recordFailure(const std::string& normalizedEmail,
                                          const std::string& address);
  void recordSuccess(const std::string& normalizedEmail);

 private:
  void lockIfOver(const std::string& key, std::int64_t failures, std::int64_t threshold,
                  std::chrono::seconds baseLock);
  std::int64_t now() const;

  cache::Cache& cache_;
  const Clock& clock_;
  ThrottlePolicy policy_;
};

}  // namespace um::auth

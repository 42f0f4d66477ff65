#include "services/auth/domain/login_throttle.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "services/auth/domain/opaque_token.hpp"

namespace um::auth {

namespace {

std::string accountKey(const std::string& email) { return "auth:login:acct:" + hashOpaqueToken(email); }
std::string addressKey(const std::string& address) { return "auth:login:addr:" + address; }
std::string failKey(const std::string& key) { return key + ":fails"; }
std::string lockKey(const std::string& key) { return key + ":lock"; }

}  // namespace

LoginThrottle::LoginThrottle(cache::Cache& cache, const Clock& clock, ThrottlePolicy policy)
    : cache_(cache), clock_(clock), policy_(policy) {}

std::int64_t LoginThrottle::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
}

void LoginThrottle::check(const std::string& normalizedEmail, const std::string& address) const {
  const std::int64_t current = now();
  std::int64_t wait = 0;
  for (const auto& key : {accountKey(normalizedEmail), addressKey(address)}) {
    auto until = cache_.get(lockKey(key));
    if (!until) continue;
    try {
      wait = std::max<std::int64_t>(wait, std::stoll(*until) - current);
    } catch (const std::exception&) {
      // An unreadable lock entry is treated as absent; the counters still work.
    }
  }
  if (wait > 0) {
    throw Error(ErrorKind::kRateLimited, "too_many_attempts",
                "too many failed logins; try again later")
        .withRetryAfter(static_cast<int>(wait));
  }
}

void LoginThrottle::lockIfOver(const std::string& key, std::int64_t failures,
                               std::int64_t threshold, std::chrono::seconds baseLock) {
  if (failures < threshold) return;
  const std::int64_t doublings = std::min<std::int64_t>(failures - threshold, 20);
  const std::int64_t seconds =
      std::min<std::int64_t>(baseLock.count() << doublings, policy_.maxLock.count());
  cache_.set(lockKey(key), std::to_string(now() + seconds), std::chrono::seconds(seconds));
}

std::chrono::milliseconds LoginThrottle::recordFailure(const std::string& normalizedEmail,
                                                       const std::string& address) {
  const auto account = accountKey(normalizedEmail);
  const auto addr = addressKey(address);
  const auto accountFailures = cache_.increment(failKey(account), 1, policy_.window);
  const auto addressFailures = cache_.increment(failKey(addr), 1, policy_.window);
  lockIfOver(account, accountFailures, policy_.accountThreshold, policy_.accountBaseLock);
  lockIfOver(addr, addressFailures, policy_.addressThreshold, policy_.addressBaseLock);
  if (accountFailures >= policy_.accountThreshold || addressFailures >= policy_.addressThreshold) {
    return std::chrono::milliseconds(0);
  }
  return policy_.delayStep * (accountFailures - 1);
}

void LoginThrottle::recordSuccess(const std::string& normalizedEmail) {
  const auto account = accountKey(normalizedEmail);
  cache_.erase(failKey(account));
  cache_.erase(lockKey(account));
}

}  // namespace um::auth

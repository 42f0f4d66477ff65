#pragma once

// The API's per-client rate limit (RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW): a fixed
// window counted in the cache port, so replicas share one count once the cache is Redis.
// Over the limit → 429 rate_limited with Retry-After (seconds until the window turns).
//
// It runs inside the global chain, so also around fast-path answers on the I/O thread: the
// counter must stay an in-memory operation there. A Redis-backed count needs a local
// pre-count or a batched flush, never a round trip per request on the event loop.
//
// Only /v2 is limited: health probes, metrics scrapes and the front ends' static files are
// not the API, and payment providers' webhooks must never be turned away (they would retry
// for days and a paid order could wait for them).

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/http/router.hpp"

namespace um::http {

struct RateLimitOptions {
  std::chrono::seconds window{15 * 60};
  std::int64_t max = 1000;
  // How many reverse proxies in front of us append to X-Forwarded-For (an ingress is 1).
  // 0 trusts no header: the client is the peer address. Trusting more hops than there are
  // would let a client pick its own identity, so this is configured, never guessed.
  int trustedProxyHops = 0;
};

// Adds `delta` to the counter `key`, creating it with expiry `ttl`; returns the new value.
using CounterIncrement =
    std::function<std::int64_t(const std::string& key, std::chrono::seconds ttl)>;

// The client a request is counted against: the peer address, or with trusted proxies the
// address they recorded in X-Forwarded-For (falling back to the peer when it is missing).
std::string rateLimitClient(const Request& req, int trustedProxyHops);

Middleware rateLimit(RateLimitOptions options, CounterIncrement increment, const Clock& clock);

}  // namespace um::http

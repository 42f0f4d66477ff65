#pragma once

// The cache port, shaped like Redis: string keys, string values, a TTL per entry. The
// in-process adapter is an LRU bounded by CACHE_MAX_SIZE entries; Redis comes later.
// A cache may forget anything at any time; callers always have a way to recompute.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace um::cache {

class Cache {
 public:
  virtual ~Cache() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  // A ttl of zero or less means no expiry.
  virtual void set(const std::string& key, std::string value, std::chrono::seconds ttl) = 0;
  virtual void erase(const std::string& key) = 0;
  // Atomically adds `delta` (a missing key counts as 0) and returns the new value; used for
  // generation counters that invalidate whole families of keys, and for rate limits.
  // `ttl` applies only when the key is created; an existing counter keeps its expiry
  // (INCRBY + EXPIRE NX in Redis), so a rate-limit window does not slide with every hit.
  virtual std::int64_t increment(const std::string& key, std::int64_t delta,
                                 std::chrono::seconds ttl) = 0;
  virtual void ping() {}
};

}  // namespace um::cache

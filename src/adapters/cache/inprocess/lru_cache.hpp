#pragma once

// The embedded cache: an LRU bounded by a number of entries (CACHE_MAX_SIZE), with a TTL per
// entry. Keys are spread over shards, each with its own lock, list and map, so concurrent
// requests rarely wait on one another; recency is therefore tracked per shard, and the
// entry evicted is the least recently used of its shard. Expired entries are dropped when
// met (get, or reaching the LRU end), which keeps every operation O(1).
//
// Semantics shared with the Redis adapter: a TTL of zero or less means "no expiry";
// increment() keeps an existing entry's expiry and applies `ttl` only to a key it creates
// (Redis INCRBY + EXPIRE NX), which is what a fixed-window rate limit needs.

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/cache/cache.hpp"
#include "core/clock.hpp"

namespace um::cache {

class LruCache final : public Cache {
 public:
  static constexpr std::size_t kDefaultShards = 16;

  // `maxEntries` 0 disables the cache: nothing is stored, get() always misses, and
  // increment() returns `delta` as if each call were the first. Fewer shards are used when
  // maxEntries is small, so the bound is exact: the shards' capacities add up to it.
  explicit LruCache(std::size_t maxEntries, const Clock& clock = systemClock(),
                    std::size_t shards = kDefaultShards);

  std::optional<std::string> get(const std::string& key) override;
  void set(const std::string& key, std::string value, std::chrono::seconds ttl) override;
  void erase(const std::string& key) override;
  // Throws um::Error (kInternal, "cache_not_integer") when the stored value is not an
  // integer, and on overflow, like Redis.
  std::int64_t increment(const std::string& key, std::int64_t delta,
                         std::chrono::seconds ttl) override;

  // Live entries plus expired ones not yet dropped; for tests and metrics.
  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::string value;
    TimePoint expiresAt;  // TimePoint::max() when it never expires
  };

  // Most recently used at the front. The map's keys view the strings owned by list nodes,
  // which never move, so each key is stored once.
  struct Shard {
    mutable std::mutex mutex;
    std::size_t capacity = 0;
    std::list<Entry> entries;
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
  };

  Shard& shardFor(const std::string& key);
  TimePoint expiryFor(std::chrono::seconds ttl) const;
  // The live entry for `key`, moved to the front; end() when missing or expired (then
  // dropped). Caller holds the shard's lock.
  std::list<Entry>::iterator touch(Shard& shard, const std::string& key, TimePoint now);
  // Inserts at the front, evicting from the back when full. Caller holds the lock.
  void insert(Shard& shard, const std::string& key, std::string value, TimePoint expiresAt);

  const Clock& clock_;
  std::vector<std::unique_ptr<Shard>> shards_;  // empty when disabled
};

}  // namespace um::cache

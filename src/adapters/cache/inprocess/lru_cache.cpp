#include "adapters/cache/inprocess/lru_cache.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "core/error.hpp"

namespace um::cache {

LruCache::LruCache(std::size_t maxEntries, const Clock& clock, std::size_t shards) : clock_(clock) {
  const std::size_t count = std::min(std::max<std::size_t>(shards, 1), maxEntries);
  for (std::size_t i = 0; i < count; ++i) {
    auto shard = std::make_unique<Shard>();
    shard->capacity = maxEntries / count + (i < maxEntries % count ? 1 : 0);
    shard->index.reserve(shard->capacity);
    shards_.push_back(std::move(shard));
  }
}

LruCache::Shard& LruCache::shardFor(const std::string& key) {
  // The map inside a shard hashes the same key again; multiplying by a 64-bit odd constant
  // and taking the high bits picks the shard from different bits than the map's buckets.
  const std::uint64_t h = std::hash<std::string_view>{}(key)*0x9E3779B97F4A7C15ULL;
  return *shards_[static_cast<std::size_t>((h >> 32) % shards_.size())];
}

TimePoint LruCache::expiryFor(std::chrono::seconds ttl) const {
  if (ttl.count() <= 0) return TimePoint::max();
  return clock_.now() + ttl;
}

std::list<LruCache::Entry>::iterator LruCache::touch(Shard& shard, const std::string& key,
                                                     TimePoint now) {
  const auto found = shard.index.find(key);
  if (found == shard.index.end()) return shard.entries.end();
  const auto it = found->second;
  if (it->expiresAt <= now) {
    shard.index.erase(found);
    shard.entries.erase(it);
    return shard.entries.end();
  }
  shard.entries.splice(shard.entries.begin(), shard.entries, it);
  return it;
}

void LruCache::insert(Shard& shard, const std::string& key, std::string value,
                      TimePoint expiresAt) {
  if (shard.entries.size() >= shard.capacity) {
    shard.index.erase(shard.entries.back().key);
    shard.entries.pop_back();
  }
  shard.entries.push_front(Entry{key, std::move(value), expiresAt});
  shard.index.emplace(shard.entries.front().key, shard.entries.begin());
}

std::optional<std::string> LruCache::get(const std::string& key) {
  if (shards_.empty()) return std::nullopt;
  Shard& shard = shardFor(key);
  const TimePoint now = clock_.now();
  std::lock_guard lock(shard.mutex);
  const auto it = touch(shard, key, now);
  if (it == shard.entries.end()) return std::nullopt;
  return it->value;
}

void LruCache::set(const std::string& key, std::string value, std::chrono::seconds ttl) {
  if (shards_.empty()) return;
  Shard& shard = shardFor(key);
  const TimePoint expiresAt = expiryFor(ttl);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.index.find(key);
  if (found != shard.index.end()) {
    found->second->value = std::move(value);
    found->second->expiresAt = expiresAt;
    shard.entries.splice(shard.entries.begin(), shard.entries, found->second);
    return;
  }
  insert(shard, key, std::move(value), expiresAt);
}

void LruCache::erase(const std::string& key) {
  if (shards_.empty()) return;
  Shard& shard = shardFor(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.index.find(key);
  if (found == shard.index.end()) return;
  const auto it = found->second;
  shard.index.erase(found);
  shard.entries.erase(it);
}

std::int64_t LruCache::increment(const std::string& key, std::int64_t delta,
                                 std::chrono::seconds ttl) {
  if (shards_.empty()) return delta;
  Shard& shard = shardFor(key);
  const TimePoint now = clock_.now();
  std::lock_guard lock(shard.mutex);
  const auto it = touch(shard, key, now);
  if (it == shard.entries.end()) {
    insert(shard, key, std::to_string(delta), expiryFor(ttl));
    return delta;
  }
  std::int64_t current = 0;
  const std::string& text = it->value;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), current);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw Error(ErrorKind::kInternal, "cache_not_integer", "cache value is not an integer: " + key);
  }
  std::int64_t next = 0;
  if (__builtin_add_overflow(current, delta, &next)) {
    throw Error(ErrorKind::kInternal, "cache_not_integer", "cache increment overflows: " + key);
  }
  it->value = std::to_string(next);
  return next;
}

std::size_t LruCache::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->entries.size();
  }
  return total;
}

}  // namespace um::cache

#pragma once

// The key-value port, shaped after Redis so a Redis adapter can replace the embedded one
// without touching its callers: string keys, text values, an optional time to live per key,
// and optimistic concurrency (what WATCH/MULTI/EXEC gives on Redis) through a version that
// changes on every write. A caller reads an Entry, computes the new value and writes it back
// with compareAndSet(expectedVersion); when someone else wrote in between, the write is
// refused and the caller reads again, so concurrent read-modify-writes never lose an update.
//
// Expired keys behave exactly like missing ones on every operation.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace um::kv {

// A version is opaque: equal means "not written since it was read". kAbsent stands for a key
// that does not exist (or has expired), so compareAndSet(key, v, kAbsent, ttl) creates a key
// only if nobody else created it first (Redis SET NX).
using Version = std::int64_t;
inline constexpr Version kAbsent = 0;

struct Entry {
  std::string value;
  Version version = kAbsent;
};

// nullopt = the key never expires (Redis PERSIST); a value replaces the key's previous TTL,
// so a write also refreshes it (Redis SET ... EX).
using Ttl = std::optional<std::chrono::seconds>;

class KvStore {
 public:
  virtual ~KvStore() = default;

  virtual std::optional<Entry> get(const std::string& key) = 0;

  // Writes unconditionally; returns the new version.
  virtual Version set(const std::string& key, const std::string& value, Ttl ttl) = 0;

  // Writes only if the key is still at `expected` (kAbsent: only if it does not exist).
  // Returns the new version, or nullopt when the key changed meanwhile (nothing written).
  virtual std::optional<Version> compareAndSet(const std::string& key, const std::string& value,
                                               Version expected, Ttl ttl) = 0;

  // Returns whether a live key was removed.
  virtual bool remove(const std::string& key) = 0;

  // Removes the key only if it is still at `expected`; false when it changed or is gone.
  virtual bool compareAndRemove(const std::string& key, Version expected) = 0;
};

}  // namespace um::kv

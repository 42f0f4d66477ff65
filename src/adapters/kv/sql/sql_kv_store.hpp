#pragma once

// The embedded, durable KvStore: one row per key in the owning service's relational store
// (table `kv`, created by that service's migration, e.g. migrations/cart/V001__kv.sql).
// Every operation is one conditional statement, so the database's row locking is what makes
// compare-and-set atomic on both SQLite and PostgreSQL; no transaction spans two calls.
//
// Expiry is kept as milliseconds since the epoch. An expired row reads as missing at once,
// is deleted by the first get() that meets it, and otherwise by purgeExpired() (the
// ExpirySweeper runs it), the way Redis combines lazy and active expiry.

#include <cstdint>

#include "adapters/kv/kv_store.hpp"
#include "adapters/sql/database.hpp"
#include "core/clock.hpp"

namespace um::kv {

class SqlKvStore final : public KvStore {
 public:
  explicit SqlKvStore(sql::Database& db, const Clock& clock = systemClock());

  std::optional<Entry> get(const std::string& key) override;
  Version set(const std::string& key, const std::string& value, Ttl ttl) override;
  std::optional<Version> compareAndSet(const std::string& key, const std::string& value,
                                       Version expected, Ttl ttl) override;
  bool remove(const std::string& key) override;
  bool compareAndRemove(const std::string& key, Version expected) override;

  // Deletes up to `limit` expired rows; returns how many.
  std::int64_t purgeExpired(std::int64_t limit = 500);

 private:
  std::int64_t nowMs() const;
  sql::Value expiresAt(Ttl ttl) const;

  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace um::kv

#include "adapters/kv/sql/sql_kv_store.hpp"

#include <random>
#include <stdexcept>

namespace um::kv {

namespace {

// A fresh random version per write rather than a counter: a key that is removed and created
// again never repeats a version that a slow reader still holds (no ABA).
Version nextVersion(Version previous) {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  for (;;) {
    const auto v = static_cast<Version>(gen() >> 1);  // positive, fits BIGINT
    if (v != kAbsent && v != previous) return v;
  }
}

constexpr const char* kLive = "(expires_at IS NULL OR expires_at > $";

}  // namespace

SqlKvStore::SqlKvStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

std::int64_t SqlKvStore::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

sql::Value SqlKvStore::expiresAt(Ttl ttl) const {
  if (!ttl) return nullptr;
  if (ttl->count() <= 0) throw std::invalid_argument("kv: a TTL must be positive");
  return nowMs() + std::chrono::duration_cast<std::chrono::milliseconds>(*ttl).count();
}

std::optional<Entry> SqlKvStore::get(const std::string& key) {
  const auto now = nowMs();
  const auto r = db_.execute("SELECT value, version, expires_at FROM kv WHERE key = $1", {key});
  if (r.empty()) return std::nullopt;
  const auto& row = r.rows.front();
  const auto expires = row.get<std::optional<std::int64_t>>(2);
  if (expires && *expires <= now) {
    // Lazy expiry. Conditional on the row still being expired, so a key re-created meanwhile
    // survives.
    db_.execute("DELETE FROM kv WHERE key = $1 AND expires_at IS NOT NULL AND expires_at <= $2",
                {key, now});
    return std::nullopt;
  }
  return Entry{row.get<std::string>(0), row.get<std::int64_t>(1)};
}

Version SqlKvStore::set(const std::string& key, const std::string& value, Ttl ttl) {
  const auto version = nextVersion(kAbsent);
  db_.execute(
      "INSERT INTO kv (key, value, version, expires_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, "
      "expires_at = excluded.expires_at",
      {key, value, version, expiresAt(ttl)});
  return version;
}

std::optional<Version> SqlKvStore::compareAndSet(const std::string& key, const std::string& value,
                                                 Version expected, Ttl ttl) {
  const auto version = nextVersion(expected);
  const auto now = nowMs();
  sql::Result r;
  if (expected == kAbsent) {
    // SET NX: insert, or take over a row that is only still there because it expired. A live
    // row makes the upsert's WHERE false and nothing is written.
    r = db_.execute(
        "INSERT INTO kv (key, value, version, expires_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, "
        "expires_at = excluded.expires_at "
        "WHERE kv.expires_at IS NOT NULL AND kv.expires_at <= $5",
        {key, value, version, expiresAt(ttl), now});
  } else {
    // PostgreSQL re-checks this WHERE against a row a concurrent writer just committed, and
    // SQLite serialises writers, so exactly one of two racing writers matches the version.
    r = db_.execute(std::string("UPDATE kv SET value = $1, version = $2, expires_at = $3 "
                                "WHERE key = $4 AND version = $5 AND ") +
                        kLive + "6)",
                    {value, version, expiresAt(ttl), key, expected, now});
  }
  if (r.affectedRows != 1) return std::nullopt;
  return version;
}

bool SqlKvStore::remove(const std::string& key) {
  const auto r =
      db_.execute(std::string("DELETE FROM kv WHERE key = $1 AND ") + kLive + "2)", {key, nowMs()});
  return r.affectedRows > 0;
}

bool SqlKvStore::compareAndRemove(const std::string& key, Version expected) {
  if (expected == kAbsent) return false;
  const auto r =
      db_.execute(std::string("DELETE FROM kv WHERE key = $1 AND version = $2 AND ") + kLive + "3)",
                  {key, expected, nowMs()});
  return r.affectedRows > 0;
}

std::int64_t SqlKvStore::purgeExpired(std::int64_t limit) {
  // The outer condition repeats the expiry test so a key re-created between the sub-select
  // and the delete is left alone. No DELETE ... LIMIT: PostgreSQL has none.
  const auto r = db_.execute(
      "DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= $1 AND key IN "
      "(SELECT key FROM kv WHERE expires_at IS NOT NULL AND expires_at <= $1 LIMIT $2)",
      {nowMs(), limit});
  return r.affectedRows;
}

}  // namespace um::kv

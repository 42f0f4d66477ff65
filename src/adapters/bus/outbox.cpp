#include "adapters/bus/outbox.hpp"

#include <unistd.h>

#include <algorithm>
#include <utility>

#include "core/ids.hpp"
#include "core/log.hpp"

namespace um::bus {

namespace {

// Fixed-width RFC 3339 strings (always milliseconds, always Z) compare like the instants
// they name, so the lease and the purge compare timestamps as TEXT on both dialects.
std::string stamp(TimePoint t) {
  return formatRfc3339(t);
}

std::string hostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return newId();
  return name;
}

}  // namespace

std::vector<std::string> outboxDdlStatements(sql::Dialect dialect) {
  // AUTOINCREMENT (not a bare rowid alias) so purging the newest rows never lets a seq be
  // reused; BIGSERIAL never reuses either.
  const std::string seqColumn = dialect == sql::Dialect::kSqlite
                                    ? "seq INTEGER PRIMARY KEY AUTOINCREMENT"
                                    : "seq BIGSERIAL PRIMARY KEY";
  return {
      "CREATE TABLE IF NOT EXISTS outbox (" + seqColumn +
          ", id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, aggregate_id TEXT NOT NULL,"
          " payload TEXT NOT NULL, occurred_at TEXT NOT NULL, published_at TEXT)",
      // The relay's query touches only pending rows; the purge only published ones.
      "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq) WHERE published_at IS NULL",
      "CREATE INDEX IF NOT EXISTS outbox_published ON outbox (published_at) "
      "WHERE published_at IS NOT NULL",
      "CREATE TABLE IF NOT EXISTS processed_events (\n"
      "  consumer TEXT NOT NULL,\n"
      "  event_id TEXT NOT NULL,\n"
      "  processed_at TEXT NOT NULL,\n"
      "  PRIMARY KEY (consumer, event_id)\n"
      ")",
      "CREATE INDEX IF NOT EXISTS processed_events_at ON processed_events (processed_at)",
      "CREATE TABLE IF NOT EXISTS outbox_lease (\n"
      "  name TEXT PRIMARY KEY,\n"
      "  holder TEXT NOT NULL,\n"
      "  expires_at TEXT NOT NULL\n"
      ")",
      // The one lease row exists from the start, so taking it is a conditional UPDATE.
      "INSERT INTO outbox_lease (name, holder, expires_at) VALUES ('relay', '', '') "
      "ON CONFLICT DO NOTHING",
  };
}

std::string outboxDdl(sql::Dialect dialect) {
  std::string script;
  for (const auto& statement : outboxDdlStatements(dialect)) script += statement + ";\n";
  return script;
}

sql::Migration outboxMigration(sql::Dialect dialect) {
  return {0, "outbox", outboxDdl(dialect)};
}

sql::Statement Outbox::appendWhereExists(const std::string& type, const std::string& aggregateId,
                                         const nlohmann::json& payload,
                                         const std::string& existsQuery,
                                         const sql::Params& existsParams) {
  sql::Params params{newId(), type, aggregateId, payload.dump(), stamp(systemClock().now())};
  params.insert(params.end(), existsParams.begin(), existsParams.end());
  return {"INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at) "
          "SELECT $1, $2, $3, $4, $5 WHERE EXISTS (" + existsQuery + ")",
          std::move(params)};
}

std::string Outbox::append(sql::Transaction& tx, const std::string& type,
                           const std::string& aggregateId, const nlohmann::json& payload) {
  std::string id = newId();
  // Nothing is read back: it travels with the transaction's next round trip (or its COMMIT).
  tx.enqueue(
      "INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {id, type, aggregateId, payload.dump(), stamp(systemClock().now())});
  return id;
}

void Outbox::ensureSchema(sql::Database& db) {
  db.transaction([&](sql::Transaction& tx) {
    for (const auto& statement : outboxDdlStatements(tx.dialect())) tx.execute(statement);
  });
}

OutboxRelay::OutboxRelay(sql::Database& db, EventBus& bus, RelayOptions options, const Clock& clock)
    : db_(db),
      bus_(bus),
      options_(std::move(options)),
      clock_(clock),
      holder_(options_.holder.empty() ? hostName() : options_.holder) {
  options_.batchSize = std::max(options_.batchSize, 1);
}

OutboxRelay::~OutboxRelay() {
  stop();
}

void OutboxRelay::start() {
  std::lock_guard lock(stateMutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void OutboxRelay::wake() {
  {
    std::lock_guard lock(stateMutex_);
    woken_ = true;
  }
  wakeup_.notify_one();
}

void OutboxRelay::stop() {
  std::thread thread;
  {
    std::lock_guard lock(stateMutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_one();
  if (thread.joinable()) thread.join();
  try {
    std::lock_guard drain(drainMutex_);
    releaseLease();
  } catch (const std::exception& e) {
    // The lease then simply expires; another replica waits leaseDuration at most.
    log::warn("outbox relay could not release its lease",
              {{"scope", db_.scope()}, {"error", e.what()}});
  }
}

int OutboxRelay::drainOnce() {
  std::lock_guard drain(drainMutex_);
  int total = 0;
  while (acquireLease()) {
    const int published = publishBatch(false);
    total += published;
    if (published < options_.batchSize) break;
  }
  return total;
}

bool OutboxRelay::acquireLease() {
  const TimePoint now = clock_.now();
  if (now < leaseRenewAt_) return true;
  const auto result = db_.execute(
      "UPDATE outbox_lease SET holder = $1, expires_at = $2 "
      "WHERE name = 'relay' AND (holder = $3 OR expires_at < $4)",
      {holder_, stamp(now + options_.leaseDuration), holder_, stamp(now)});
  if (result.affectedRows == 0) {
    leaseRenewAt_ = TimePoint{};
    return false;
  }
  mayHoldLease_ = true;
  // Renew at half time so a long batch never runs on an expired lease.
  leaseRenewAt_ = now + options_.leaseDuration / 2;
  return true;
}

void OutboxRelay::releaseLease() {
  leaseRenewAt_ = TimePoint{};
  if (!mayHoldLease_) return;
  mayHoldLease_ = false;
  db_.execute(
      "UPDATE outbox_lease SET holder = '', expires_at = '' "
      "WHERE name = 'relay' AND holder = $1",
      {holder_});
}

int OutboxRelay::publishBatch(bool interruptible) {
  const auto pending = db_.execute(
      "SELECT seq, id, type, aggregate_id, payload, occurred_at FROM outbox "
      "WHERE published_at IS NULL ORDER BY seq LIMIT $1",
      {static_cast<std::int64_t>(options_.batchSize)});
  // Publish before marking: a crash in between republishes (consumers de-duplicate) rather
  // than losing the event. The rows published are marked together, in one statement per
  // batch instead of one commit per event (each commit waits for a WAL flush), also when a
  // publish fails part-way: a failure ends the batch so later events of the same aggregate
  // never overtake the one that failed.
  sql::Params published;
  auto markPublished = [&] {
    if (published.empty()) return;
    std::string in;
    for (std::size_t i = 0; i < published.size(); ++i) {
      in += (i == 0 ? "$" : ", $") + std::to_string(i + 2);
    }
    sql::Params params{stamp(clock_.now())};
    params.insert(params.end(), published.begin(), published.end());
    db_.execute("UPDATE outbox SET published_at = $1 WHERE seq IN (" + in + ")", params);
  };
  try {
    for (const auto& row : pending.rows) {
      // Another replica may have taken over if this one stalled; it then owns the order.
      if (!acquireLease()) break;
      Event event{
          .id = row.get<std::string>("id"),
          .type = row.get<std::string>("type"),
          .aggregateId = row.get<std::string>("aggregate_id"),
          .payload = row.get<std::string>("payload"),
          .occurredAt = row.get<std::string>("occurred_at"),
      };
      bus_.publish(event);
      published.emplace_back(row.get<std::int64_t>("seq"));
      if (interruptible && stopping_) break;
    }
  } catch (...) {
    try {
      markPublished();
    } catch (...) {
      // Unmarked rows are published again: at least once, never lost.
    }
    throw;
  }
  markPublished();
  return static_cast<int>(published.size());
}

void OutboxRelay::purgePublished() {
  const TimePoint now = clock_.now();
  if (now < nextPurge_) return;
  nextPurge_ = now + std::chrono::hours(1);
  const auto result =
      db_.execute("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1",
                  {stamp(now - options_.retention)});
  if (result.affectedRows > 0) {
    log::info("outbox purged", {{"scope", db_.scope()}, {"rows", result.affectedRows}});
  }
}

void OutboxRelay::run() {
  std::chrono::milliseconds backoff{0};
  while (true) {
    {
      std::lock_guard lock(stateMutex_);
      if (stopping_) break;
      woken_ = false;  // wakes from here on trigger another round
    }
    int published = 0;
    bool failed = false;
    std::string reason;
    try {
      std::lock_guard drain(drainMutex_);
      if (acquireLease()) {
        published = publishBatch(true);
        purgePublished();
      }
    } catch (const std::exception& e) {
      failed = true;
      reason = e.what();
    } catch (...) {
      failed = true;
      reason = "unknown exception";
    }
    if (failed) {
      backoff = backoff.count() == 0 ? options_.initialBackoff
                                     : std::min(backoff * 2, options_.maxBackoff);
      log::warn("outbox relay failed; retrying",
                {{"scope", db_.scope()}, {"error", reason}, {"retry_ms", backoff.count()}});
    }

    std::unique_lock lock(stateMutex_);
    if (failed) {
      // wake() is ignored here: whatever failed (a consumer, the store) is rarely fixed by
      // the next commit, and hammering it would only flood the log.
      wakeup_.wait_for(lock, backoff, [this] { return stopping_.load(); });
      continue;
    }
    backoff = std::chrono::milliseconds{0};
    if (published >= options_.batchSize) continue;  // more may be pending
    wakeup_.wait_for(lock, options_.pollInterval, [this] { return stopping_.load() || woken_; });
  }
}

}  // namespace um::bus

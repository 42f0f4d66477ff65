#pragma once

// The transactional outbox. A service appends its events to its own `outbox` table in the
// same transaction as the state change (Outbox::append), so an event exists exactly when
// the change committed; the OutboxRelay then publishes unpublished rows in seq order and
// marks each published only after EventBus::publish returned. A crash between the two
// publishes the event again: delivery is at least once, and consumers de-duplicate by event
// id (bus/consumer.hpp).
//
// Schema: every producing service's first migration must create the tables returned by
// outboxDdl() for its dialect (migrations/<service>/V000__outbox.sqlite.sql and
// V000__outbox.postgres.sql, or prepend outboxMigration() to the service's list). Consuming
// services need the processed_events table from the same DDL. Outbox::ensureSchema runs the
// same idempotent DDL for tests and tools that have no migrations.
//
// Ordering: seq is an auto-increment. On SQLite writers are serialised (BEGIN IMMEDIATE), so
// seq order is commit order. On PostgreSQL two transactions may commit out of seq order; the
// relay still never skips a row (it selects by published_at IS NULL, not seq > last), and one
// aggregate's events stay ordered as long as append() comes after the write that locks the
// aggregate's row, so a second transaction on the same aggregate gets its seq only after the
// first committed.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "adapters/bus/event_bus.hpp"
#include "adapters/sql/database.hpp"
#include "adapters/sql/migrations.hpp"
#include "core/clock.hpp"

namespace um::bus {

// The outbox and processed_events tables plus the relay lease, one statement per element,
// each `CREATE ... IF NOT EXISTS` so running them twice is harmless. Only seq's
// auto-increment differs between the dialects.
std::vector<std::string> outboxDdlStatements(sql::Dialect dialect);
// The same statements as one migration script.
std::string outboxDdl(sql::Dialect dialect);
// Version 0, so it sorts before a service's own V001.
sql::Migration outboxMigration(sql::Dialect dialect);

class Outbox {
 public:
  // Writes one event in the caller's transaction; it is published only if that commits.
  // Call it after the statement that changes (and so locks) the aggregate. Returns the id.
  static std::string append(sql::Transaction& tx, const std::string& type,
                            const std::string& aggregateId, const nlohmann::json& payload);

  // The same event as a statement that inserts it only where `existsQuery` finds a row:
  // for Transaction::commitWith, after a conditional change it depends on. `existsQuery`
  // numbers its placeholders from $6 (the event takes $1 to $5).
  static sql::Statement appendWhereExists(const std::string& type, const std::string& aggregateId,
                                          const nlohmann::json& payload,
                                          const std::string& existsQuery,
                                          const sql::Params& existsParams);

  // Creates the tables if missing. Idempotent.
  static void ensureSchema(sql::Database& db);
};

struct RelayOptions {
  // The longest an event waits when nobody calls wake() after committing it.
  std::chrono::milliseconds pollInterval{250};
  int batchSize = 100;
  std::chrono::milliseconds initialBackoff{100};
  std::chrono::milliseconds maxBackoff{30000};
  // Published rows older than this are deleted; long enough to inspect what was sent.
  std::chrono::hours retention{24 * 7};
  // Several replicas of a service share one outbox; only the lease holder publishes, so
  // their events are not interleaved out of order. A holder that vanishes loses the lease
  // after this long.
  std::chrono::seconds leaseDuration{30};
  // Who holds the lease. Empty → the host name: the pod name on Kubernetes, and a value that
  // survives a restart on one machine, so a restarted all-in-one process takes its lease
  // back at once instead of waiting for the dead one's to expire.
  std::string holder;
};

// Publishes one service's outbox. One relay per producing service (per replica); the lease
// makes all but one replica idle.
class OutboxRelay {
 public:
  OutboxRelay(sql::Database& db, EventBus& bus, RelayOptions options = {},
              const Clock& clock = systemClock());
  ~OutboxRelay();  // stops
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // Starts the background thread. Start the bus (and make every subscription) first.
  void start();
  // Asks the thread to look now instead of at the next poll; call after a commit that
  // appended events. Cheap and non-blocking. Ignored while backing off after a failure.
  void wake();
  // Finishes the event in flight, releases the lease and joins the thread. Idempotent.
  void stop();

  // Publishes everything pending on the calling thread and returns how many were published.
  // Rethrows the first publish failure (rows before it stay published). For tests and for a
  // final flush; does not need start() and serialises with the background thread.
  int drainOnce();

 private:
  // Publishes up to one batch; returns how many were published, throws on the first failure.
  // `interruptible`: return early once stop() was called (the background thread's case).
  int publishBatch(bool interruptible);
  bool acquireLease();
  void releaseLease();
  void purgePublished();
  void run();

  sql::Database& db_;
  EventBus& bus_;
  RelayOptions options_;
  const Clock& clock_;
  std::string holder_;  // this relay's identity in the lease

  // One publisher at a time, so seq order is kept in this process; also guards the two
  // time points below.
  std::mutex drainMutex_;
  TimePoint leaseRenewAt_{};   // until then the lease is ours without asking the store
  bool mayHoldLease_ = false;  // so stop() after stop() costs no round trip
  TimePoint nextPurge_{};

  std::mutex stateMutex_;  // guards woken_ and thread_, and pairs with wakeup_
  std::condition_variable wakeup_;
  std::atomic<bool> stopping_{false};  // also read mid-batch without the lock
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace um::bus

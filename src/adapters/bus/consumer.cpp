#include "adapters/bus/consumer.hpp"

namespace um::bus {

bool markProcessed(sql::Transaction& tx, const std::string& consumer, const std::string& eventId) {
  // ON CONFLICT DO NOTHING rather than catching UniqueViolation: on PostgreSQL a failed
  // statement aborts the whole transaction, which would take the caller's work with it.
  const auto result = tx.execute(
      "INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ($1, $2, $3) "
      "ON CONFLICT DO NOTHING",
      {consumer, eventId, formatRfc3339(systemClock().now())});
  return result.affectedRows == 1;
}

std::int64_t purgeProcessedEvents(sql::Database& db, TimePoint before) {
  return db.execute("DELETE FROM processed_events WHERE processed_at < $1", {formatRfc3339(before)})
      .affectedRows;
}

}  // namespace um::bus

#pragma once

// Idempotent consumers. The bus delivers at least once, so a handler does its effect and
// records the event id in one transaction:
//
//   bus.subscribe("product", {"order"}, [&db](const bus::Event& e) {
//     db.transaction([&](sql::Transaction& tx) {
//       if (!bus::markProcessed(tx, "product", e.id)) return;  // seen before: skip
//       ...apply the effect with tx...
//     });
//   });
//
// A redelivered event then finds its id and does nothing; a failed effect rolls the mark
// back with it, so the retry applies it. The processed_events table is created by the same
// DDL as the outbox (bus/outbox.hpp).

#include <string>

#include "adapters/sql/database.hpp"
#include "core/clock.hpp"

namespace um::bus {

// True the first time `consumer` sees `eventId` (the row is inserted in `tx`), false after.
bool markProcessed(sql::Transaction& tx, const std::string& consumer, const std::string& eventId);

// Forgets ids recorded before `before`; returns how many. Keep well past the longest time an
// event can wait to be redelivered (the outbox retention, Kafka's topic retention).
std::int64_t purgeProcessedEvents(sql::Database& db, TimePoint before);

}  // namespace um::bus

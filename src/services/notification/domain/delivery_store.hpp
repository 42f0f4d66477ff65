#pragma once

// Persistence of deliveries, behind an interface so the workflow is tested without a
// database (store/sql_delivery_store.cpp is the implementation).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/notification/domain/delivery.hpp"

namespace um::notification {

class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;

  // In one transaction: notes that `consumer` has processed `eventId` and inserts
  // `deliveries`. Returns false, writing nothing, when the event was processed before: an
  // event delivered twice queues its emails once.
  virtual bool enqueue(const std::string& consumer, const std::string& eventId,
                       const std::vector<Delivery>& deliveries) = 0;

  // Claims up to `limit` deliveries that are due (queued, or failed with nextAttemptAt ≤
  // now) and not claimed by another dispatcher, until `claimUntil`. A dispatcher that dies
  // mid-send loses its claim when that passes, and the delivery is tried again.
  virtual std::vector<Delivery> claimDue(const std::string& now, const std::string& claimUntil,
                                         int limit) = 0;
  // Records an attempt's outcome and releases the claim.
  virtual void record(const AttemptOutcome& outcome) = 0;

  // An operator's retry: a failed or dead delivery is queued again, due `now`, with its
  // attempts reset. nullopt when there is no such delivery; unchanged when it is queued or
  // sent, or its body was erased (the caller tells those apart by the returned status).
  virtual std::optional<Delivery> requeue(const std::string& id, const std::string& now) = 0;

  virtual DeliveryPage list(const DeliveryFilter& filter) = 0;
  virtual std::optional<Delivery> find(const std::string& id) = 0;
  virtual std::map<DeliveryStatus, std::int64_t> countByStatus() = 0;
};

}  // namespace um::notification

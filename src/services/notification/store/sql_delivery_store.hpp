#pragma once

#include "adapters/sql/database.hpp"
#include "services/notification/domain/delivery_store.hpp"

namespace um::notification {

// Deliveries in the notification service's own tables (migrations/notification).
class SqlDeliveryStore final : public DeliveryStore {
 public:
  explicit SqlDeliveryStore(sql::Database& db) : db_(db) {}

  bool enqueue(const std::string& consumer, const std::string& eventId,
               const std::vector<Delivery>& deliveries) override;
  std::vector<Delivery> claimDue(const std::string& now, const std::string& claimUntil,
                                 int limit) override;
  void record(const AttemptOutcome& outcome) override;
  std::optional<Delivery> requeue(const std::string& id, const std::string& now) override;
  DeliveryPage list(const DeliveryFilter& filter) override;
  std::optional<Delivery> find(const std::string& id) override;
  std::map<DeliveryStatus, std::int64_t> countByStatus() override;

 private:
  sql::Database& db_;
};

}  // namespace um::notification

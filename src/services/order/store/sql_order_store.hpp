#pragma once

// OrderStore over the relational port (SQLite or PostgreSQL, same SQL).

#include <functional>

#include "adapters/sql/database.hpp"
#include "services/order/domain/order_store.hpp"

namespace um::order {

class SqlOrderStore final : public OrderStore {
 public:
  // `wake` runs after a commit that appended an event, so the relay publishes at once.
  explicit SqlOrderStore(sql::Database& db, std::function<void()> wake = [] {})
      : db_(db), wake_(std::move(wake)) {}

  ClaimResult claimKey(const std::string& scope, const std::string& key,
                       const std::string& fingerprint, const std::string& now,
                       const std::string& staleBefore) override;
  void releaseKey(const KeyClaim& claim) override;
  void create(const Order& order, const KeyClaim& claim, const nlohmann::json& event) override;
  std::optional<Order> find(const std::string& orderId) override;
  std::optional<Order> findSummary(const std::string& orderId) override;
  OrderPage list(const OrderFilter& filter) override;
  ChangeResult apply(const OrderChange& change) override;
  void setPayment(const std::string& orderId, const PaymentSummary& payment,
                  const std::string& at) override;
  void setPaymentStatus(const std::string& orderId, const std::string& status) override;
  void clearEffect(const std::string& orderId, const std::string& effect) override;
  bool replaceReservation(const std::string& orderId, const std::string& from,
                          const std::string& to) override;
  std::vector<std::string> expiredUnpaid(const std::string& now, int limit) override;
  std::vector<std::string> stalledEffects(const std::string& before, int limit) override;

 private:
  // Fills lines and history of `orders` with two queries, whatever their number.
  void loadDetails(std::vector<Order>& orders);
  ChangeResult applyInOneTrip(const OrderChange& change);

  sql::Database& db_;
  std::function<void()> wake_;
};

}  // namespace um::order

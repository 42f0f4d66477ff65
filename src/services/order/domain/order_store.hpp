#pragma once

// Where orders live, as the domain sees it. Every status change is a conditional update
// from the status the caller read, written with its history entry and its order.* event in
// one transaction: two paths racing to change one order (a payment webhook and a customer's
// cancel, say) cannot both win.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "services/order/domain/order.hpp"

namespace um::order {

// An Idempotency-Key claim held by one request while it runs the saga.
struct KeyClaim {
  std::string scope;
  std::string key;
  std::string token;
};

struct ClaimResult {
  enum class Outcome {
    kClaimed,    // ours: run the saga
    kMismatch,   // the key was used with another request body
    kCompleted,  // the order exists: answer with it
    kBusy,       // another request with this key is running the saga now
  };
  Outcome outcome;
  std::optional<std::string> orderId;
  std::string token;
};

struct RefundRecord {
  std::string refundId;
  std::int64_t amount = 0;
};

struct OrderChange {
  std::string orderId;
  OrderStatus expected;  // applied only while the order is still in this status
  OrderStatus status;
  bool recordHistory = true;  // false: the status stays (a refund on a cancelled order)
  std::string at;
  std::optional<std::string> note;
  std::optional<std::string> pendingEffect;  // work owed to other services after this change
  std::optional<std::string> paymentStatus;
  std::optional<std::string> paymentId;
  std::optional<Shipment> shipment;
  std::optional<RefundRecord> refund;  // recorded once; the order's refunded total grows by it
  std::string eventType;               // appended to the outbox when non-empty
  nlohmann::json eventPayload;
};

enum class ChangeResult { kApplied, kStale, kDuplicateRefund };

struct OrderFilter {
  std::optional<std::string> userId;
  std::optional<OrderStatus> status;
  std::optional<std::string> query;     // matches number, email or id
  std::optional<std::string> beforeId;  // keyset cursor: ids are time-ordered
  int limit = 20;
};

struct OrderPage {
  std::vector<Order> items;
  std::int64_t total = 0;
  std::optional<std::string> nextCursor;
};

class OrderStore {
 public:
  virtual ~OrderStore() = default;

  // `staleBefore`: a claim taken before then by a request that never finished (its process
  // died) may be taken over.
  virtual ClaimResult claimKey(const std::string& scope, const std::string& key,
                               const std::string& fingerprint, const std::string& now,
                               const std::string& staleBefore) = 0;
  // Gives up a claim that made no order, so the key can be used again.
  virtual void releaseKey(const KeyClaim& claim) = 0;

  // Inserts the order with its lines and first history entry, links the claimed key to it
  // and appends order.created, in one transaction. Throws sql::UniqueViolation when the
  // order number is taken, and Error 409 idempotency_key_in_use when the claim was lost.
  virtual void create(const Order& order, const KeyClaim& claim, const nlohmann::json& event) = 0;

  virtual std::optional<Order> find(const std::string& orderId) = 0;
  // The order without its lines and history: one query, for status checks.
  virtual std::optional<Order> findSummary(const std::string& orderId) = 0;
  virtual OrderPage list(const OrderFilter& filter) = 0;

  virtual ChangeResult apply(const OrderChange& change) = 0;
  // The payment's provider-side details (client secret, approval URL) and status, while
  // the order is unpaid.
  virtual void setPayment(const std::string& orderId, const PaymentSummary& payment,
                          const std::string& at) = 0;
  // The payment's status alone, whatever the order's (a cancelled order's refund, say).
  virtual void setPaymentStatus(const std::string& orderId, const std::string& status) = 0;
  // Marks the owed work done, unless a newer change replaced it meanwhile.
  virtual void clearEffect(const std::string& orderId, const std::string& effect) = 0;
  // Points the order at a new stock reservation, if it still holds `from`; false otherwise.
  virtual bool replaceReservation(const std::string& orderId, const std::string& from,
                                  const std::string& to) = 0;

  virtual std::vector<std::string> expiredUnpaid(const std::string& now, int limit) = 0;
  virtual std::vector<std::string> stalledEffects(const std::string& before, int limit) = 0;
};

}  // namespace um::order

#pragma once

// Where payments live, as the domain sees it. Every state change that others care about is
// written with its event (payment.*) in one transaction, and only from an expected state,
// so two paths learning the same outcome (the confirm call, a webhook, the reconciler)
// record it once.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/payment/domain/payment.hpp"

namespace um::payment {

struct OutboxEvent {
  std::string type;  // payment.succeeded, …
  nlohmann::json payload;
};

// A change of state, applied only while the payment is in one of `from`.
struct StatusChange {
  std::string paymentId;
  std::vector<PaymentStatus> from;
  PaymentStatus to;
  std::string at;
  std::optional<std::string> captureId;
  std::optional<std::string> cardLast4;
  std::optional<std::string> failureCode;
  std::optional<std::string> failureMessage;
  // The provider's object, when this change is the first we hear of it (paid in one step).
  std::optional<std::string> providerPaymentId;
  std::optional<OutboxEvent> event;
};

// What a finished refund does to its payment.
struct RefundCompletion {
  std::string refundId;
  std::optional<std::string> providerRefundId;
  bool succeeded = false;
  std::string at;
};

class PaymentStore {
 public:
  virtual ~PaymentStore() = default;

  // false when the order has a payment already (UNIQUE order_id).
  virtual bool insert(const Payment& payment) = 0;
  virtual std::optional<Payment> find(const std::string& paymentId) = 0;
  virtual std::optional<Payment> findByOrder(const std::string& orderId) = 0;
  virtual std::optional<Payment> findByProviderId(const std::string& provider,
                                                  const std::string& providerPaymentId) = 0;
  virtual std::vector<Payment> list(const std::optional<std::string>& orderId,
                                      const std::optional<std::string>& beforeId, int limit) = 0;
  virtual std::int64_t count(const std::optional<std::string>& orderId) = 0;

  // Records the provider's object (id, client secret, approval URL); no status change.
  virtual void recordProviderObject(const std::string& paymentId, const std::string& providerPaymentId,
                                    const std::optional<std::string>& clientSecret,
                                    const std::optional<std::string>& approvalUrl,
                                    const std::string& at) = 0;
  // The payment as changed, when applied (it was in one of `from`); nullopt otherwise.
  virtual std::optional<Payment> changeStatus(const StatusChange& change) = 0;
  virtual void requestCancel(const std::string& paymentId, const std::string& at) = 0;

  // Payments still pending whose last change is older than `before` (RFC 3339).
  virtual std::vector<Payment> stalePending(const std::string& before, int limit) = 0;

  // Refunds. reserveRefund adds `refund.amount` to the payment's reserved total and inserts
  // the refund, only if the payment is captured and the total stays within the amount:
  // false otherwise. A refund with the same idempotency key is returned instead.
  enum class ReserveOutcome { kReserved, kExisting, kExceeds, kNotCaptured };
  virtual ReserveOutcome reserveRefund(const Refund& refund, Refund& existing) = 0;
  // Moves a pending refund to succeeded (the payment's refunded total and status follow,
  // with a payment.refunded event) or to failed (the reservation is given back). false when
  // it was not pending.
  virtual bool completeRefund(const RefundCompletion& completion) = 0;
  virtual void recordProviderRefundId(const std::string& refundId,
                                      const std::string& providerRefundId, const std::string& at) = 0;
  // A refund made outside this service (the provider's dashboard), learned from a webhook:
  // recorded as succeeded with its event unless its provider id is known already.
  virtual bool recordExternalRefund(const Refund& refund) = 0;
  virtual std::optional<Refund> findRefund(const std::string& refundId) = 0;
  virtual std::optional<Refund> findRefundByKey(const std::string& idempotencyKey) = 0;
  virtual std::optional<Refund> findRefundByProviderId(const std::string& providerRefundId) = 0;
  virtual std::vector<Refund> refundsOf(const std::string& paymentId) = 0;
  virtual std::vector<Refund> stalePendingRefunds(const std::string& before, int limit) = 0;

  // Webhook de-duplication by the provider's event id. The effects of an event are
  // idempotent themselves (conditional changes above), so they run first and the id is
  // recorded after: a crash in between only means the replay finds nothing left to do.
  virtual bool webhookSeen(const std::string& provider, const std::string& eventId) = 0;
  virtual void recordWebhook(const std::string& provider, const std::string& eventId) = 0;
};

}  // namespace um::payment

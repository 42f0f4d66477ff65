#pragma once

// PaymentStore over the relational port (SQLite or PostgreSQL, same SQL).

#include <functional>

#include "adapters/sql/database.hpp"
#include "services/payment/domain/payment_store.hpp"

namespace um::payment {

class SqlPaymentStore final : public PaymentStore {
 public:
  // `wake` runs after a commit that appended an event, so the relay publishes at once.
  explicit SqlPaymentStore(sql::Database& db, std::function<void()> wake = [] {})
      : db_(db), wake_(std::move(wake)) {}

  bool insert(const Payment& payment) override;
  std::optional<Payment> find(const std::string& paymentId) override;
  std::optional<Payment> findByOrder(const std::string& orderId) override;
  std::optional<Payment> findByProviderId(const std::string& provider,
                                          const std::string& providerPaymentId) override;
  std::vector<Payment> list(const std::optional<std::string>& orderId,
                            const std::optional<std::string>& beforeId, int limit) override;
  std::int64_t count(const std::optional<std::string>& orderId) override;
  void recordProviderObject(const std::string& paymentId, const std::string& providerPaymentId,
                            const std::optional<std::string>& clientSecret,
                            const std::optional<std::string>& approvalUrl,
                            const std::string& at) override;
  std::optional<Payment> changeStatus(const StatusChange& change) override;
  void requestCancel(const std::string& paymentId, const std::string& at) override;
  std::vector<Payment> stalePending(const std::string& before, int limit) override;
  ReserveOutcome reserveRefund(const Refund& refund, Refund& existing) override;
  bool completeRefund(const RefundCompletion& completion) override;
  void recordProviderRefundId(const std::string& refundId, const std::string& providerRefundId,
                              const std::string& at) override;
  bool recordExternalRefund(const Refund& refund) override;
  std::optional<Refund> findRefund(const std::string& refundId) override;
  std::optional<Refund> findRefundByKey(const std::string& idempotencyKey) override;
  std::optional<Refund> findRefundByProviderId(const std::string& providerRefundId) override;
  std::vector<Refund> refundsOf(const std::string& paymentId) override;
  std::vector<Refund> stalePendingRefunds(const std::string& before, int limit) override;
  bool webhookSeen(const std::string& provider, const std::string& eventId) override;
  void recordWebhook(const std::string& provider, const std::string& eventId) override;

 private:
  std::optional<Payment> findWhere(const std::string& where, const sql::Params& params);
  std::optional<Refund> findRefundWhere(const std::string& where, const sql::Params& params);

  sql::Database& db_;
  std::function<void()> wake_;
};

}  // namespace um::payment

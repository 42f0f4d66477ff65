#pragma once

// The payment workflows. The rule that makes them safe: state is stored before the
// provider is called, every provider call carries an idempotency key derived from that
// state, and every outcome is recorded by a conditional change from the state it was
// expected in. So a request retried, a webhook replayed, a process killed after the
// provider said yes, or the reconciler asking again all end in one charge, recorded once.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "services/payment/client.hpp"
#include "services/payment/domain/payment_store.hpp"
#include "services/payment/domain/provider_registry.hpp"

namespace um::payment {

struct PaymentServiceOptions {
  // A payment pending (or a refund in flight) for longer is asked about at the provider.
  std::chrono::seconds reconcileAfter{120};
  // Test-only fault injection: called right after the provider reported a capture and
  // before it is recorded (see UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE in service.cpp).
  std::function<void()> afterCapture;
};

class PaymentService {
 public:
  PaymentService(PaymentStore& store, const ProviderRegistry& providers, const Clock& clock,
                 PaymentServiceOptions options);

  void checkMethod(const std::string& provider, const PaymentMethod& method) const;
  PaymentState create(const CreatePayment& request);
  std::optional<PaymentState> forOrder(const std::string& orderId);
  std::optional<PaymentState> cancel(const std::string& orderId);
  RefundOutcome refund(const std::string& orderId, std::int64_t amount,
                       const std::string& idempotencyKey);

  // Verifies and applies one webhook delivery. Throws 400 invalid_signature.
  void handleWebhook(const std::string& provider, const WebhookDelivery& delivery);

  // One pass over payments and refunds left pending too long; returns how many changed.
  int reconcile();

  struct PaymentPage {
    std::vector<Payment> items;
    std::int64_t total = 0;
    std::optional<std::string> nextCursor;
  };
  PaymentPage list(const std::optional<std::string>& orderId,
                   const std::optional<std::string>& cursor, int limit);
  std::vector<Refund> refundsOf(const std::string& paymentId);

  static PaymentState stateOf(const Payment& payment);

 private:
  ChargeSpec specOf(const Payment& payment) const;
  // Takes the payment as far as it can go now: provider object, then confirmation.
  Payment advance(Payment payment, const std::optional<ChargeSpec>& confirmWith);
  // Records what the provider says about the payment; returns the payment as stored after.
  Payment learn(const Payment& payment, const ProviderPayment& seen);
  Payment reload(const std::string& paymentId);
  void refundRemainder(const Payment& payment);
  RefundOutcome executeRefund(const Payment& payment, Refund refund);
  void applyRefundEvent(Payment payment, const WebhookEvent& event);
  nlohmann::json eventPayload(const Payment& payment) const;
  std::string now() const;

  PaymentStore& store_;
  const ProviderRegistry& providers_;
  const Clock& clock_;
  PaymentServiceOptions options_;
};

}  // namespace um::payment

#pragma once

// How the order service (and later others) use payments: create the one payment of an
// order, cancel it (voiding it, or refunding what was captured), refund part or all of it.
// Every call is idempotent, so a retried saga step never charges twice. Found through
// ServiceContext::clients; the all-in-one process provides the in-process implementation.
//
// Outcomes that arrive later (webhooks, reconciliation) are published as payment.succeeded,
// payment.failed, payment.cancelled and payment.refunded events with {paymentId, orderId,
// provider, amount, currency, status} (+ refundId and the refund's amount for refunds).

#include <cstdint>
#include <optional>
#include <string>

namespace um::payment {

// How the buyer pays, as sent at checkout. Card numbers pass through memory to the test
// provider only: they are never stored or logged (only the last four digits are kept).
struct PaymentMethod {
  std::optional<std::string> testCard;             // provider "test"
  std::optional<std::string> stripePaymentMethod;  // provider "stripe": a pm_… id
};

struct CreatePayment {
  std::string orderId;
  std::string orderNumber;
  std::int64_t amount = 0;  // minor units
  std::string currency;
  std::string provider;  // test | stripe | paypal
  std::string email;
  PaymentMethod method;
};

struct PaymentState {
  std::string id;
  std::string orderId;
  std::string provider;
  // pending | succeeded | failed | cancelled | refunded | partially_refunded
  std::string status;
  std::int64_t amount = 0;
  std::string currency;
  std::int64_t refunded = 0;
  std::optional<std::string> clientSecret;
  std::optional<std::string> approvalUrl;
  std::optional<std::string> failureCode;
};

struct RefundOutcome {
  std::string refundId;
  std::int64_t amount = 0;
  std::string status;  // succeeded | pending | failed
  PaymentState payment;
};

class Client {
 public:
  virtual ~Client() = default;

  // Throws Error 400 provider_unavailable (switched off or unknown) or a validation error
  // for a payment method the provider cannot use. Call before anything is reserved.
  virtual void checkMethod(const std::string& provider, const PaymentMethod& method) = 0;
  // The order's payment: created and, when the method allows, confirmed at once. A second
  // call for the same order returns the first payment (never a second charge).
  virtual PaymentState create(const CreatePayment& request) = 0;
  virtual std::optional<PaymentState> forOrder(const std::string& orderId) = 0;
  // The order will not be paid: voids the payment, or refunds what was captured, now or
  // whenever a late success arrives. nullopt when the order has no payment.
  virtual std::optional<PaymentState> cancel(const std::string& orderId) = 0;
  // Returns `amount` of the captured money. The same idempotency key returns the same refund.
  // Throws 409 refund_exceeds_payment / payment_not_captured.
  virtual RefundOutcome refund(const std::string& orderId, std::int64_t amount,
                               const std::string& idempotencyKey) = 0;
};

}  // namespace um::payment

#pragma once

// A payment as this service keeps it: one per order, its state, the provider's ids, and
// what was refunded. Never a card number: only its last four digits.

#include <cstdint>
#include <optional>
#include <string>

namespace um::payment {

// pending → succeeded | failed | cancelled; succeeded → partially_refunded | refunded.
// failed → succeeded is allowed: a buyer can retry a declined Stripe payment on its page,
// and money that was captured must be recorded (and, if the order is gone, refunded).
enum class PaymentStatus { kPending, kSucceeded, kFailed, kCancelled, kPartiallyRefunded, kRefunded };

std::string toString(PaymentStatus status);
PaymentStatus parsePaymentStatus(const std::string& text);  // throws for an unknown name

struct Payment {
  std::string id;
  std::string orderId;
  std::string orderNumber;
  std::string provider;
  PaymentStatus status = PaymentStatus::kPending;
  std::int64_t amount = 0;
  std::string currency;
  std::int64_t refunded = 0;        // refunds that succeeded
  std::int64_t refundReserved = 0;  // refunds that succeeded or are in flight
  std::string email;
  std::string idempotencyKey;  // what the provider saw on create
  std::optional<std::string> providerPaymentId;
  std::optional<std::string> stripePaymentMethod;  // a pm_ id is not card data
  std::optional<std::string> cardLast4;
  std::optional<std::string> clientSecret;
  std::optional<std::string> approvalUrl;
  std::optional<std::string> captureId;
  std::optional<std::string> failureCode;
  std::optional<std::string> failureMessage;
  bool cancelRequested = false;  // the order is gone: captured money goes back
  std::string createdAt;
  std::string updatedAt;
};

enum class RefundStatus { kPending, kSucceeded, kFailed };
std::string toString(RefundStatus status);

struct Refund {
  std::string id;
  std::string paymentId;
  std::string idempotencyKey;
  std::int64_t amount = 0;
  RefundStatus status = RefundStatus::kPending;
  std::optional<std::string> providerRefundId;
  std::string createdAt;
  std::string updatedAt;
};

}  // namespace um::payment

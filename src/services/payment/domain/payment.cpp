#include "services/payment/domain/payment.hpp"

#include "core/error.hpp"

namespace um::payment {

std::string toString(PaymentStatus status) {
  switch (status) {
    case PaymentStatus::kPending: return "pending";
    case PaymentStatus::kSucceeded: return "succeeded";
    case PaymentStatus::kFailed: return "failed";
    case PaymentStatus::kCancelled: return "cancelled";
    case PaymentStatus::kPartiallyRefunded: return "partially_refunded";
    case PaymentStatus::kRefunded: return "refunded";
  }
  return "unknown";
}

PaymentStatus parsePaymentStatus(const std::string& text) {
  for (auto s : {PaymentStatus::kPending, PaymentStatus::kSucceeded, PaymentStatus::kFailed,
                 PaymentStatus::kCancelled, PaymentStatus::kPartiallyRefunded,
                 PaymentStatus::kRefunded}) {
    if (toString(s) == text) return s;
  }
  throw Error(ErrorKind::kInternal, "internal", "unknown payment status " + text);
}

std::string toString(RefundStatus status) {
  switch (status) {
    case RefundStatus::kPending: return "pending";
    case RefundStatus::kSucceeded: return "succeeded";
    case RefundStatus::kFailed: return "failed";
  }
  return "unknown";
}

}  // namespace um::payment

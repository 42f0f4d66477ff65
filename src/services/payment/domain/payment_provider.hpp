#pragma once

// The payment provider port. Adapters live in src/adapters/payments/<provider>/ (test,
// stripe, paypal); this domain knows only this interface. Every call that can move money
// carries an idempotency key, and the service stores its state before calling, so a call
// repeated after a crash or a timeout returns the first outcome instead of charging again.

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace um::payment {

enum class ProviderStatus {
  kRequiresAction,  // waits for the buyer (Stripe client confirmation, PayPal approval)
  kApproved,        // PayPal: approved by the buyer, to be captured by us
  kProcessing,      // the provider is still deciding
  kSucceeded,       // money captured
  kFailed,          // declined; nothing captured
  kCancelled,       // voided; nothing captured
};

// One payment as the provider sees it.
struct ProviderPayment {
  std::string id;  // pi_…, PayPal order id, test_pi_…
  ProviderStatus status = ProviderStatus::kRequiresAction;
  std::optional<std::string> clientSecret;
  std::optional<std::string> approvalUrl;
  std::optional<std::string> captureId;  // PayPal: what refunds go against
  std::optional<std::string> cardLast4;
  std::optional<std::string> failureCode;
  std::optional<std::string> failureMessage;
};

struct ChargeSpec {
  std::string idempotencyKey;
  std::string paymentId;  // ours, sent as metadata so the provider's dashboard links back
  std::string orderId;
  std::string orderNumber;
  std::int64_t amount = 0;
  std::string currency;
  std::string email;
  std::optional<std::string> stripePaymentMethod;
  // Only in memory, only for the test provider; never stored, never logged.
  std::optional<std::string> testCard;
};

struct RefundSpec {
  std::string idempotencyKey;
  std::string refundId;  // ours, sent along so webhooks can be matched
  std::string providerPaymentId;
  std::optional<std::string> captureId;
  std::int64_t amount = 0;
  std::string currency;
};

struct ProviderRefund {
  std::string id;
  std::string status;  // succeeded | pending | failed
  std::optional<std::string> failureCode;
};

struct WebhookDelivery {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // exactly as received: signatures cover the raw bytes
  TimePoint receivedAt;

  // Case-insensitive. Inline: the adapters use it without linking the service.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < key.size() && same; ++i) {
        same = std::tolower(static_cast<unsigned char>(key[i])) ==
               std::tolower(static_cast<unsigned char>(name[i]));
      }
      if (same) return value;
    }
    return std::nullopt;
  }
};

// A verified webhook, in the service's terms.
struct WebhookEvent {
  enum class Kind { kSucceeded, kFailed, kApproved, kCancelled, kRefunded, kIgnored };
  std::string id;    // the provider's event id: de-duplicated
  std::string type;  // the provider's event type, for logs
  Kind kind = Kind::kIgnored;
  std::string providerPaymentId;
  std::optional<std::string> ourPaymentId;  // from the metadata we sent, when present
  std::optional<std::string> captureId;
  std::optional<std::string> failureCode;
  // kRefunded: the refund this event is about (when the provider names one) …
  std::optional<std::string> providerRefundId;
  std::optional<std::string> ourRefundId;  // from the metadata we sent
  std::int64_t refundAmount = 0;
  // … and/or the payment's refunded total so far (Stripe's amount_refunded), -1 if unknown.
  std::int64_t amountRefundedTotal = -1;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;

  virtual std::string name() const = 0;

  // Throws Error::validation for a method this provider cannot use. No I/O.
  virtual void validate(const ChargeSpec& spec) const = 0;
  // Creates the provider's payment object; moves no money. Same key → same object.
  virtual ProviderPayment create(const ChargeSpec& spec) = 0;
  // Whether confirm() can complete the payment now (a card or pm_ id was given).
  virtual bool confirmable(const ChargeSpec& spec) const = 0;
  // Pays with the buyer's method. `spec.idempotencyKey` is the confirm's own key.
  virtual ProviderPayment confirm(const std::string& providerPaymentId, const ChargeSpec& spec) = 0;
  // create() and confirm() in one call, for a provider that can do both at once (the test
  // ledger; Stripe's `confirm=true` is the same idea): checkout then records one outcome, not
  // an object and then an outcome. Same keys, same answer as the two calls; a repeated
  // create() with `create`'s key finds the paid object. nullopt: not offered, make the two
  // calls.
  virtual std::optional<ProviderPayment> createConfirmed(const ChargeSpec& create,
                                                         const ChargeSpec& confirm) {
    (void)create;
    (void)confirm;
    return std::nullopt;
  }
  virtual ProviderPayment retrieve(const std::string& providerPaymentId) = 0;
  // Takes the money of a payment the buyer approved (PayPal capture); others: retrieve.
  virtual ProviderPayment capture(const std::string& providerPaymentId,
                                  const std::string& idempotencyKey) = 0;
  // Voids an uncaptured payment. Returns the state after: kSucceeded when it was captured
  // already (the caller then refunds).
  virtual ProviderPayment cancel(const std::string& providerPaymentId,
                                 const std::string& idempotencyKey) = 0;
  virtual ProviderRefund refund(const RefundSpec& spec) = 0;
  // Verifies the delivery's signature and freshness and translates it. Throws
  // Error(kValidation, "invalid_signature") for a forged or stale one.
  virtual WebhookEvent parseWebhook(const WebhookDelivery& delivery) = 0;
};

}  // namespace um::payment

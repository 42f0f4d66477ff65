#pragma once

// The built-in `test` payment provider: Stripe's test card numbers, no network.
// 4242424242424242 (and any other valid number) pays, 4000000000000002 is declined
// (card_declined), 4000000000009995 too (insufficient_funds), 4000000000000069 too
// (expired_card). It plays a remote provider, so it keeps its own ledger (the
// test_provider_* tables of the payment service's store), honours idempotency keys as Stripe
// does and remembers across restarts what it charged: the crash-recovery paths of the
// payment service run against it exactly as against Stripe.

#include "adapters/sql/database.hpp"
#include "services/payment/domain/payment_provider.hpp"

namespace um::payment {

class TestProvider final : public PaymentProvider {
 public:
  explicit TestProvider(sql::Database& ledger) : db_(ledger) {}

  std::string name() const override { return "test"; }
  void validate(const ChargeSpec& spec) const override;
  ProviderPayment create(const ChargeSpec& spec) override;
  bool confirmable(const ChargeSpec& spec) const override { return spec.testCard.has_value(); }
  ProviderPayment confirm(const std::string& providerPaymentId, const ChargeSpec& spec) override;
  std::optional<ProviderPayment> createConfirmed(const ChargeSpec& create,
                                                 const ChargeSpec& confirm) override;
  ProviderPayment retrieve(const std::string& providerPaymentId) override;
  ProviderPayment capture(const std::string& providerPaymentId, const std::string& key) override;
  ProviderPayment cancel(const std::string& providerPaymentId, const std::string& key) override;
  ProviderRefund refund(const RefundSpec& spec) override;
  WebhookEvent parseWebhook(const WebhookDelivery& delivery) override;

 private:
  sql::Database& db_;
};

// The outcome the test provider gives a card: nullopt pays, otherwise the decline code.
std::optional<std::string> testCardDecline(const std::string& number);
// 12–19 digits passing the Luhn check.
bool isPlausibleCardNumber(const std::string& number);

}  // namespace um::payment

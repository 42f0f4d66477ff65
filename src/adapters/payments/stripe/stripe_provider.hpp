#pragma once

// Stripe, over its REST API: PaymentIntents (create, confirm, retrieve, cancel) and Refunds,
// form-encoded, authenticated with STRIPE_SECRET_KEY as a Bearer token, with an
// Idempotency-Key on every POST. A buyer pays either server-side (checkout sends a pm_…
// payment method id and the intent is confirmed at once) or in the browser with the
// intent's client secret (Stripe.js), in which case the payment_intent.* webhooks and the
// reconciler report the outcome. Webhooks are verified with STRIPE_WEBHOOK_SECRET.

#include <chrono>
#include <memory>
#include <string>

#include "adapters/http_client/http_client.hpp"
#include "services/payment/domain/payment_provider.hpp"

namespace um::payment {

struct StripeOptions {
  std::string secretKey;
  std::string webhookSecret;
  std::string apiBase = "https://api.stripe.com";
  std::chrono::seconds webhookTolerance{300};
};

class StripeProvider final : public PaymentProvider {
 public:
  StripeProvider(std::shared_ptr<http_client::HttpClient> http, StripeOptions options);

  std::string name() const override { return "stripe"; }
  void validate(const ChargeSpec& spec) const override;
  ProviderPayment create(const ChargeSpec& spec) override;
  bool confirmable(const ChargeSpec& spec) const override {
    return spec.stripePaymentMethod.has_value();
  }
  ProviderPayment confirm(const std::string& providerPaymentId, const ChargeSpec& spec) override;
  ProviderPayment retrieve(const std::string& providerPaymentId) override;
  ProviderPayment capture(const std::string& providerPaymentId, const std::string& key) override;
  ProviderPayment cancel(const std::string& providerPaymentId, const std::string& key) override;
  ProviderRefund refund(const RefundSpec& spec) override;
  WebhookEvent parseWebhook(const WebhookDelivery& delivery) override;

 private:
  http_client::Response call(const std::string& method, const std::string& path,
                             const http_client::HeaderList& form,
                             const std::string& idempotencyKey);

  std::shared_ptr<http_client::HttpClient> http_;
  StripeOptions options_;
};

}  // namespace um::payment

#pragma once

// PayPal, over its REST API: Orders v2 (create, get, capture) and captures' refunds,
// authenticated with an OAuth2 client-credentials token (PAYPAL_CLIENT_ID/SECRET), with a
// PayPal-Request-Id (PayPal's idempotency key) on every POST. The buyer approves on PayPal
// (the order's approvalUrl); the CHECKOUT.ORDER.APPROVED webhook or the reconciler then
// captures. Webhooks are verified by PayPal itself (POST
// /v1/notifications/verify-webhook-signature with PAYPAL_WEBHOOK_ID), and a transmission
// time outside the tolerance is refused so a verified delivery cannot be replayed later.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "adapters/http_client/http_client.hpp"
#include "core/clock.hpp"
#include "services/payment/domain/payment_provider.hpp"

namespace um::payment {

struct PaypalOptions {
  std::string clientId;
  std::string clientSecret;
  std::string webhookId;
  std::string apiBase = "https://api-m.paypal.com";
  std::string returnUrl;  // where PayPal sends the buyer back (PUBLIC_URL based)
  std::chrono::seconds webhookTolerance{300};
};

class PaypalProvider final : public PaymentProvider {
 public:
  PaypalProvider(std::shared_ptr<http_client::HttpClient> http, PaypalOptions options,
                 const Clock& clock);

  std::string name() const override { return "paypal"; }
  void validate(const ChargeSpec& spec) const override;
  ProviderPayment create(const ChargeSpec& spec) override;
  bool confirmable(const ChargeSpec&) const override { return false; }
  ProviderPayment confirm(const std::string& providerPaymentId, const ChargeSpec& spec) override;
  ProviderPayment retrieve(const std::string& providerPaymentId) override;
  ProviderPayment capture(const std::string& providerPaymentId, const std::string& key) override;
  ProviderPayment cancel(const std::string& providerPaymentId, const std::string& key) override;
  ProviderRefund refund(const RefundSpec& spec) override;
  WebhookEvent parseWebhook(const WebhookDelivery& delivery) override;

 private:
  std::string accessToken();
  http_client::Response call(const std::string& method, const std::string& path,
                             const std::string& jsonBody, const std::string& requestId);

  std::shared_ptr<http_client::HttpClient> http_;
  PaypalOptions options_;
  const Clock& clock_;
  std::mutex tokenMutex_;
  std::string token_;
  TimePoint tokenExpiry_{};
};

}  // namespace um::payment

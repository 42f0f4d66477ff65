#include "services/payment/api/payment_routes.hpp"

#include <charconv>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "services/payment/domain/payment_service.hpp"

namespace um::payment {

namespace {

http::Json money(std::int64_t amount, const std::string& currency) {
  return {{"amount", amount}, {"currency", currency}};
}

http::Json optional(const std::optional<std::string>& v) {
  return v ? http::Json(*v) : http::Json(nullptr);
}

http::Json paymentJson(const Payment& p, const std::vector<Refund>& refunds) {
  http::Json items = http::Json::array();
  for (const auto& r : refunds) {
    items.push_back({{"id", r.id},
                     {"amount", money(r.amount, p.currency)},
                     {"status", toString(r.status)},
                     {"providerRefundId", optional(r.providerRefundId)},
                     {"createdAt", r.createdAt}});
  }
  return {{"id", p.id},
          {"orderId", p.orderId},
          {"orderNumber", p.orderNumber},
          {"provider", p.provider},
          {"status", toString(p.status)},
          {"amount", money(p.amount, p.currency)},
          {"refunded", money(p.refunded, p.currency)},
          {"cardLast4", optional(p.cardLast4)},
          {"providerPaymentId", optional(p.providerPaymentId)},
          {"failureCode", optional(p.failureCode)},
          {"refunds", items},
          {"createdAt", p.createdAt},
          {"updatedAt", p.updatedAt}};
}

int limitParam(const http::Request& req) {
  const auto text = req.queryParam("limit");
  if (!text) return 20;
  int v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v < 1 || v > 100) {
    throw Error::validation("limit", "limit must be an integer from 1 to 100");
  }
  return v;
}

}  // namespace

void addPaymentRoutes(http::Router& router, std::shared_ptr<PaymentService> payments,
                      CheckoutOptions checkout, const http::Authenticator& authenticator,
                      const Clock& clock) {
  // Fixed for the life of the process, so the answer is built once and served inline.
  const http::Json config = {
      {"providers", checkout.providers},
      {"stripePublishableKey", checkout.stripePublishableKey.empty()
                                   ? http::Json(nullptr)
                                   : http::Json(checkout.stripePublishableKey)}};
  router.add(
      "GET", "/v2/payments/config",
      [config](http::Request&) {
        auto response = http::Response::json(200, config);
        response.headers.set("Cache-Control", "public, max-age=60");
        return response;
      },
      {.execution = http::Execution::kInline});

  for (const std::string provider : {"stripe", "paypal"}) {
    router.add("POST", "/v2/payments/webhooks/" + provider,
               [payments, provider, &clock](http::Request& req) {
                 WebhookDelivery delivery;
                 for (const auto& [name, value] : req.headers.all()) {
                   delivery.headers.emplace_back(name, value);
                 }
                 delivery.body = req.body;
                 delivery.receivedAt = clock.now();
                 payments->handleWebhook(provider, delivery);
                 return http::Response::json(200, {{"received", true}});
               });
  }

  router.add(
      "GET", "/v2/admin/payments",
      [payments](http::Request& req) {
        const auto orderId = req.queryParam("orderId");
        const auto cursor = req.queryParam("cursor");
        if (cursor && (cursor->empty() || cursor->size() > 64)) {
          throw Error::validation("cursor", "not a cursor this server made");
        }
        const auto page = payments->list(orderId, cursor, limitParam(req));
        http::Json items = http::Json::array();
        for (const auto& p : page.items) items.push_back(paymentJson(p, payments->refundsOf(p.id)));
        return http::Response::json(
            200, {{"items", items},
                  {"total", page.total},
                  {"nextCursor", page.nextCursor ? http::Json(*page.nextCursor) : http::Json(nullptr)}});
      },
      {{http::authenticate(authenticator), http::requireRole("admin")}});
}

}  // namespace um::payment

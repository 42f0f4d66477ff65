#include "adapters/payments/paypal/paypal_provider.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "adapters/payments/common/money_format.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

namespace um::payment {

namespace {

using Json = nlohmann::json;

std::string base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> stringAt(const Json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Json parse(const http_client::Response& r) {
  auto j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw Error::unavailable("payment_provider_error",
                             "PayPal answered " + std::to_string(r.status) + " without JSON");
  }
  return j;
}

[[noreturn]] void unexpected(const http_client::Response& r, const std::string& what) {
  std::string issue;
  auto j = Json::parse(r.body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    issue = j.value("name", "");
    if (j.contains("details") && j["details"].is_array() && !j["details"].empty()) {
      issue = j["details"][0].value("issue", issue);
    }
  }
  log::warn("paypal call failed", {{"call", what}, {"status", r.status}, {"issue", issue}});
  throw Error::unavailable("payment_provider_error", "PayPal refused " + what + " (" +
                                                         std::to_string(r.status) +
                                                         (issue.empty() ? "" : " " + issue) + ")");
}

// The first capture of the order's first purchase unit, if any.
const Json* firstCapture(const Json& order) {
  if (!order.contains("purchase_units") || !order["purchase_units"].is_array() ||
      order["purchase_units"].empty()) {
    return nullptr;
  }
  const Json& unit = order["purchase_units"][0];
  if (!unit.contains("payments") || !unit["payments"].is_object()) return nullptr;
  const Json& payments = unit["payments"];
  if (!payments.contains("captures") || !payments["captures"].is_array() ||
      payments["captures"].empty()) {
    return nullptr;
  }
  return &payments["captures"][0];
}

ProviderPayment fromOrder(const Json& order) {
  ProviderPayment p;
  p.id = order.value("id", "");
  const std::string status = order.value("status", "");
  if (order.contains("links") && order["links"].is_array()) {
    for (const auto& link : order["links"]) {
      const auto rel = stringAt(link, "rel");
      if (rel && (*rel == "approve" || *rel == "payer-action")) p.approvalUrl = stringAt(link, "href");
    }
  }
  if (status == "APPROVED") {
    p.status = ProviderStatus::kApproved;
  } else if (status == "VOIDED") {
    p.status = ProviderStatus::kCancelled;
  } else if (status == "COMPLETED") {
    p.status = ProviderStatus::kProcessing;
    if (const Json* capture = firstCapture(order)) {
      p.captureId = stringAt(*capture, "id");
      const auto cs = stringAt(*capture, "status").value_or("");
      if (cs == "COMPLETED") p.status = ProviderStatus::kSucceeded;
      if (cs == "DECLINED" || cs == "FAILED") {
        p.status = ProviderStatus::kFailed;
        p.failureCode = "capture_declined";
      }
    }
  } else {
    p.status = ProviderStatus::kRequiresAction;  // CREATED, SAVED, PAYER_ACTION_REQUIRED
  }
  return p;
}

}  // namespace

PaypalProvider::PaypalProvider(std::shared_ptr<http_client::HttpClient> http, PaypalOptions options,
                               const Clock& clock)
    : http_(std::move(http)), options_(std::move(options)), clock_(clock) {
  while (!options_.apiBase.empty() && options_.apiBase.back() == '/') options_.apiBase.pop_back();
}

std::string PaypalProvider::accessToken() {
  std::lock_guard lock(tokenMutex_);
  if (!token_.empty() && clock_.now() < tokenExpiry_) return token_;
  http_client::Request req;
  req.method = "POST";
  req.url = options_.apiBase + "/v1/oauth2/token";
  req.headers.emplace_back("Authorization",
                           "Basic " + base64(options_.clientId + ":" + options_.clientSecret));
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  req.headers.emplace_back("Accept", "application/json");
  req.body = "grant_type=client_credentials";
  const auto r = http_->send(req);
  if (r.status != 200) unexpected(r, "oauth2.token");
  const auto j = parse(r);
  token_ = j.value("access_token", "");
  // Renew a minute early so a token never expires mid-call.
  const auto lifetime = std::chrono::seconds(j.value("expires_in", 600) - 60);
  tokenExpiry_ = clock_.now() + std::max(lifetime, std::chrono::seconds(30));
  return token_;
}

http_client::Response PaypalProvider::call(const std::string& method, const std::string& path,
                                           const std::string& jsonBody,
                                           const std::string& requestId) {
  http_client::Request req;
  req.method = method;
  req.url = options_.apiBase + path;
  req.headers.emplace_back("Authorization", "Bearer " + accessToken());
  req.headers.emplace_back("Accept", "application/json");
  if (method == "POST") {
    req.headers.emplace_back("Content-Type", "application/json");
    req.headers.emplace_back("Prefer", "return=representation");
    if (!requestId.empty()) req.headers.emplace_back("PayPal-Request-Id", requestId);
    req.body = jsonBody;
  }
  auto r = http_->send(req);
  if (r.status == 401) {
    // The token was revoked or expired early: forget it so the next call gets a new one.
    std::lock_guard lock(tokenMutex_);
    token_.clear();
  }
  if (r.status == 401 || r.status == 429 || r.status >= 500) {
    throw Error::unavailable("payment_provider_unavailable",
                             "PayPal answered " + std::to_string(r.status));
  }
  return r;
}

void PaypalProvider::validate(const ChargeSpec& spec) const {
  if (spec.testCard || spec.stripePaymentMethod) {
    throw Error::validation("paymentMethod", "PayPal payments are approved on PayPal; send no paymentMethod");
  }
}

ProviderPayment PaypalProvider::create(const ChargeSpec& spec) {
  const int exponent = currencyExponent(spec.currency);
  Json unit = {{"reference_id", spec.orderId},
               {"custom_id", spec.paymentId},
               {"invoice_id", spec.orderNumber},
               {"description", "Order " + spec.orderNumber},
               {"amount", {{"currency_code", spec.currency},
                           {"value", formatDecimal(spec.amount, exponent)}}}};
  Json body = {{"intent", "CAPTURE"}, {"purchase_units", Json::array({unit})}};
  if (!options_.returnUrl.empty()) {
    body["payment_source"] = {
        {"paypal",
         {{"experience_context",
           {{"return_url", options_.returnUrl + "?order=" + spec.orderId},
            {"cancel_url", options_.returnUrl + "?order=" + spec.orderId + "&cancelled=1"},
            {"user_action", "PAY_NOW"}}}}}};
  }
  const auto r = call("POST", "/v2/checkout/orders", body.dump(), spec.idempotencyKey);
  if (r.status != 200 && r.status != 201) unexpected(r, "orders.create");
  return fromOrder(parse(r));
}

ProviderPayment PaypalProvider::confirm(const std::string& id, const ChargeSpec&) {
  return retrieve(id);  // the buyer confirms on PayPal, not us
}

ProviderPayment PaypalProvider::retrieve(const std::string& id) {
  const auto r = call("GET", "/v2/checkout/orders/" + http_client::percentEncode(id), "", "");
  if (r.status != 200) unexpected(r, "orders.get");
  return fromOrder(parse(r));
}

ProviderPayment PaypalProvider::capture(const std::string& id, const std::string& key) {
  const auto r = call("POST", "/v2/checkout/orders/" + http_client::percentEncode(id) + "/capture",
                      "{}", key);
  if (r.status == 200 || r.status == 201) return fromOrder(parse(r));
  if (r.status == 422) {
    const auto j = parse(r);
    std::string issue;
    if (j.contains("details") && j["details"].is_array() && !j["details"].empty()) {
      issue = j["details"][0].value("issue", "");
    }
    if (issue == "INSTRUMENT_DECLINED" || issue == "PAYER_ACTION_REQUIRED" ||
        issue == "ORDER_NOT_APPROVED") {
      // Not captured; the buyer may still fix it on PayPal. Report what PayPal holds now.
      auto now = retrieve(id);
      if (issue == "INSTRUMENT_DECLINED") {
        now.status = ProviderStatus::kRequiresAction;
        now.failureCode = "instrument_declined";
      }
      return now;
    }
    // ORDER_ALREADY_CAPTURED and friends: the order itself says what happened.
    return retrieve(id);
  }
  unexpected(r, "orders.capture");
}

ProviderPayment PaypalProvider::cancel(const std::string& id, const std::string&) {
  // Orders v2 has no void: an order we never capture simply expires at PayPal. Only a
  // capture that happened already matters, and the caller refunds it.
  auto now = retrieve(id);
  if (now.status != ProviderStatus::kSucceeded && now.status != ProviderStatus::kProcessing) {
    now.status = ProviderStatus::kCancelled;
  }
  return now;
}

ProviderRefund PaypalProvider::refund(const RefundSpec& spec) {
  std::string captureId = spec.captureId.value_or("");
  if (captureId.empty()) captureId = retrieve(spec.providerPaymentId).captureId.value_or("");
  if (captureId.empty()) return {"", "failed", "not_captured"};
  const Json body = {{"amount",
                      {{"currency_code", spec.currency},
                       {"value", formatDecimal(spec.amount, currencyExponent(spec.currency))}}},
                     {"custom_id", spec.refundId}};
  const auto r = call("POST", "/v2/payments/captures/" + http_client::percentEncode(captureId) + "/refund",
                      body.dump(), spec.idempotencyKey);
  const auto j = parse(r);
  if (r.status == 200 || r.status == 201) {
    const std::string status = j.value("status", "PENDING");
    if (status == "COMPLETED") return {j.value("id", ""), "succeeded", std::nullopt};
    if (status == "CANCELLED" || status == "FAILED") return {j.value("id", ""), "failed", "refund_" + status};
    return {j.value("id", ""), "pending", std::nullopt};
  }
  if (r.status == 422 || r.status == 400) {
    std::string issue = "refund_refused";
    if (j.contains("details") && j["details"].is_array() && !j["details"].empty()) {
      issue = j["details"][0].value("issue", issue);
    }
    return {"", "failed", issue};
  }
  unexpected(r, "captures.refund");
}

WebhookEvent PaypalProvider::parseWebhook(const WebhookDelivery& delivery) {
  auto reject = [](const std::string& why) {
    return Error(ErrorKind::kValidation, "invalid_signature", why);
  };
  if (options_.webhookId.empty()) throw reject("PAYPAL_WEBHOOK_ID is not configured");
  const auto transmissionId = delivery.header("PAYPAL-TRANSMISSION-ID");
  const auto transmissionTime = delivery.header("PAYPAL-TRANSMISSION-TIME");
  const auto transmissionSig = delivery.header("PAYPAL-TRANSMISSION-SIG");
  const auto certUrl = delivery.header("PAYPAL-CERT-URL");
  const auto authAlgo = delivery.header("PAYPAL-AUTH-ALGO");
  if (!transmissionId || !transmissionTime || !transmissionSig || !certUrl || !authAlgo) {
    throw reject("missing PayPal transmission headers");
  }
  const auto sent = parseRfc3339(*transmissionTime);
  if (!sent) throw reject("malformed PAYPAL-TRANSMISSION-TIME");
  const auto age = delivery.receivedAt - *sent;
  if (age > options_.webhookTolerance || age < -options_.webhookTolerance) {
    throw reject("transmission time outside the tolerance");
  }
  const auto event = Json::parse(delivery.body, nullptr, false);
  if (event.is_discarded() || !event.is_object() || !stringAt(event, "id") ||
      !stringAt(event, "event_type")) {
    throw reject("not a PayPal event");
  }
  // PayPal checks the signature over transmission id, time, our webhook id and the body's
  // CRC32 with its certificate; asking it is the documented way and needs no cert cache.
  const Json verify = {{"auth_algo", *authAlgo},
                       {"cert_url", *certUrl},
                       {"transmission_id", *transmissionId},
                       {"transmission_sig", *transmissionSig},
                       {"transmission_time", *transmissionTime},
                       {"webhook_id", options_.webhookId},
                       {"webhook_event", event}};
  const auto r = call("POST", "/v1/notifications/verify-webhook-signature", verify.dump(), "");
  if (r.status != 200) unexpected(r, "verify-webhook-signature");
  if (parse(r).value("verification_status", "") != "SUCCESS") throw reject("signature does not verify");

  WebhookEvent e;
  e.id = *stringAt(event, "id");
  e.type = *stringAt(event, "event_type");
  const Json resource = event.contains("resource") && event["resource"].is_object() ? event["resource"] : Json::object();
  auto relatedOrder = [&]() -> std::string {
    if (resource.contains("supplementary_data") && resource["supplementary_data"].is_object()) {
      const Json& s = resource["supplementary_data"];
      if (s.contains("related_ids") && s["related_ids"].is_object()) {
        return stringAt(s["related_ids"], "order_id").value_or("");
      }
    }
    return "";
  };
  if (e.type == "CHECKOUT.ORDER.APPROVED") {
    e.kind = WebhookEvent::Kind::kApproved;
    e.providerPaymentId = stringAt(resource, "id").value_or("");
    if (resource.contains("purchase_units") && resource["purchase_units"].is_array() &&
        !resource["purchase_units"].empty()) {
      e.ourPaymentId = stringAt(resource["purchase_units"][0], "custom_id");
    }
  } else if (e.type == "PAYMENT.CAPTURE.COMPLETED" || e.type == "PAYMENT.CAPTURE.DENIED" ||
             e.type == "PAYMENT.CAPTURE.DECLINED") {
    e.kind = e.type == "PAYMENT.CAPTURE.COMPLETED" ? WebhookEvent::Kind::kSucceeded
                                                   : WebhookEvent::Kind::kFailed;
    e.providerPaymentId = relatedOrder();
    e.captureId = stringAt(resource, "id");
    e.ourPaymentId = stringAt(resource, "custom_id");
    if (e.kind == WebhookEvent::Kind::kFailed) e.failureCode = "capture_declined";
  } else if (e.type == "PAYMENT.CAPTURE.REFUNDED") {
    e.kind = WebhookEvent::Kind::kRefunded;
    e.providerPaymentId = relatedOrder();
    e.providerRefundId = stringAt(resource, "id");
    e.ourRefundId = stringAt(resource, "custom_id");
    if (resource.contains("amount") && resource["amount"].is_object()) {
      const auto currency = stringAt(resource["amount"], "currency_code").value_or("USD");
      const auto value = stringAt(resource["amount"], "value").value_or("0");
      e.refundAmount = parseDecimal(value, currencyExponent(currency)).value_or(0);
    }
  }
  return e;
}

}  // namespace um::payment

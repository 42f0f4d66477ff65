#include "adapters/payments/stripe/stripe_provider.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "adapters/payments/stripe/stripe_signature.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

namespace um::payment {

namespace {

using Json = nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<std::string> stringAt(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Json parse(const http_client::Response& r) {
  auto j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw Error::unavailable("payment_provider_error",
                             "Stripe answered " + std::to_string(r.status) + " without JSON");
  }
  return j;
}

// A PaymentIntent object → the port's view.
ProviderPayment fromIntent(const Json& pi) {
  ProviderPayment p;
  p.id = pi.value("id", "");
  p.clientSecret = stringAt(pi, "client_secret");
  const std::string status = pi.value("status", "");
  const auto error = pi.find("last_payment_error");
  const bool lastFailed = error != pi.end() && error->is_object();
  if (status == "succeeded") {
    p.status = ProviderStatus::kSucceeded;
  } else if (status == "canceled") {
    p.status = ProviderStatus::kCancelled;
  } else if (status == "processing" || status == "requires_capture") {
    p.status = ProviderStatus::kProcessing;
  } else if (status == "requires_payment_method" && lastFailed) {
    // Stripe lets the buyer try another method on this intent; we treat the decline as the
    // end of this order's attempt (the order is cancelled, a later success refunded).
    p.status = ProviderStatus::kFailed;
  } else {
    p.status = ProviderStatus::kRequiresAction;
  }
  if (lastFailed) {
    p.failureCode = stringAt(*error, "decline_code");
    if (!p.failureCode) p.failureCode = stringAt(*error, "code");
    p.failureMessage = stringAt(*error, "message");
  }
  if (auto charge = stringAt(pi, "latest_charge")) p.captureId = charge;
  return p;
}

[[noreturn]] void unexpected(const http_client::Response& r, const std::string& what) {
  std::string code;
  auto j = Json::parse(r.body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_object()) {
    code = j["error"].value("code", j["error"].value("type", ""));
  }
  log::warn("stripe call failed", {{"call", what}, {"status", r.status}, {"code", code}});
  throw Error::unavailable("payment_provider_error",
                           "Stripe refused " + what + " (" + std::to_string(r.status) +
                               (code.empty() ? "" : " " + code) + ")");
}

}  // namespace

StripeProvider::StripeProvider(std::shared_ptr<http_client::HttpClient> http, StripeOptions options)
    : http_(std::move(http)), options_(std::move(options)) {
  while (!options_.apiBase.empty() && options_.apiBase.back() == '/') options_.apiBase.pop_back();
}

http_client::Response StripeProvider::call(const std::string& method, const std::string& path,
                                           const http_client::HeaderList& form,
                                           const std::string& idempotencyKey) {
  http_client::Request req;
  req.method = method;
  req.url = options_.apiBase + path;
  req.headers.emplace_back("Authorization", "Bearer " + options_.secretKey);
  req.headers.emplace_back("Stripe-Version", "2024-06-20");
  if (method == "POST") {
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    req.headers.emplace_back("Idempotency-Key", idempotencyKey);
    req.body = http_client::formEncode(form);
  }
  auto r = http_->send(req);
  // Rate limits and Stripe's own failures are transient: the caller's state stays pending
  // and the same idempotency key is sent again later.
  if (r.status == 429 || r.status >= 500) {
    throw Error::unavailable("payment_provider_unavailable",
                             "Stripe answered " + std::to_string(r.status));
  }
  return r;
}

void StripeProvider::validate(const ChargeSpec& spec) const {
  if (spec.testCard) {
    throw Error::validation("paymentMethod.testCard",
                            "card numbers go to Stripe from the browser; send a stripePaymentMethod id");
  }
  if (spec.stripePaymentMethod) {
    const auto& pm = *spec.stripePaymentMethod;
    const bool ok = pm.size() > 3 && pm.size() <= 255 && pm.starts_with("pm_") &&
                    std::all_of(pm.begin(), pm.end(), [](unsigned char c) {
                      return std::isalnum(c) || c == '_';
                    });
    if (!ok) throw Error::validation("paymentMethod.stripePaymentMethod", "expected a pm_… id");
  }
}

ProviderPayment StripeProvider::create(const ChargeSpec& spec) {
  const auto r = call("POST", "/v1/payment_intents",
                      {{"amount", std::to_string(spec.amount)},
                       {"currency", lower(spec.currency)},
                       {"payment_method_types[]", "card"},
                       {"description", "Order " + spec.orderNumber},
                       {"receipt_email", spec.email},
                       {"metadata[order_id]", spec.orderId},
                       {"metadata[order_number]", spec.orderNumber},
                       {"metadata[payment_id]", spec.paymentId}},
                      spec.idempotencyKey);
  if (r.status != 200) unexpected(r, "payment_intents.create");
  return fromIntent(parse(r));
}

ProviderPayment StripeProvider::confirm(const std::string& id, const ChargeSpec& spec) {
  const auto r = call("POST", "/v1/payment_intents/" + http_client::percentEncode(id) + "/confirm",
                      {{"payment_method", spec.stripePaymentMethod.value_or("")}},
                      spec.idempotencyKey);
  if (r.status == 200) return fromIntent(parse(r));
  // A decline is 402 with the intent inside the error.
  const auto j = parse(r);
  if (j.contains("error") && j["error"].is_object() && j["error"].contains("payment_intent") &&
      j["error"]["payment_intent"].is_object()) {
    auto p = fromIntent(j["error"]["payment_intent"]);
    if (r.status == 402 && p.status != ProviderStatus::kSucceeded) {
      p.status = ProviderStatus::kFailed;
      if (!p.failureCode) {
        p.failureCode = j["error"].value("decline_code", j["error"].value("code", "card_declined"));
      }
    }
    return p;
  }
  unexpected(r, "payment_intents.confirm");
}

ProviderPayment StripeProvider::retrieve(const std::string& id) {
  const auto r = call("GET", "/v1/payment_intents/" + http_client::percentEncode(id), {}, "");
  if (r.status != 200) unexpected(r, "payment_intents.retrieve");
  return fromIntent(parse(r));
}

ProviderPayment StripeProvider::capture(const std::string& id, const std::string&) {
  // Intents are created with automatic capture: a succeeded intent is captured already.
  return retrieve(id);
}

ProviderPayment StripeProvider::cancel(const std::string& id, const std::string& key) {
  const auto r = call("POST", "/v1/payment_intents/" + http_client::percentEncode(id) + "/cancel",
                      {{"cancellation_reason", "abandoned"}}, key);
  if (r.status == 200) return fromIntent(parse(r));
  // Too late to cancel (it succeeded, or was cancelled already): the error carries the intent.
  const auto j = parse(r);
  if (j.contains("error") && j["error"].is_object() && j["error"].contains("payment_intent") &&
      j["error"]["payment_intent"].is_object()) {
    return fromIntent(j["error"]["payment_intent"]);
  }
  unexpected(r, "payment_intents.cancel");
}

ProviderRefund StripeProvider::refund(const RefundSpec& spec) {
  const auto r = call("POST", "/v1/refunds",
                      {{"payment_intent", spec.providerPaymentId},
                       {"amount", std::to_string(spec.amount)},
                       {"metadata[refund_id]", spec.refundId}},
                      spec.idempotencyKey);
  const auto j = parse(r);
  if (r.status == 200) {
    const std::string status = j.value("status", "pending");
    ProviderRefund out{j.value("id", ""), "pending", std::nullopt};
    if (status == "succeeded") out.status = "succeeded";
    if (status == "failed" || status == "canceled") {
      out.status = "failed";
      out.failureCode = stringAt(j, "failure_reason");
    }
    return out;
  }
  if (r.status == 400 || r.status == 402) {
    const auto code = j.contains("error") && j["error"].is_object()
                          ? j["error"].value("code", "refund_refused")
                          : std::string("refund_refused");
    return {"", "failed", code};
  }
  unexpected(r, "refunds.create");
}

WebhookEvent StripeProvider::parseWebhook(const WebhookDelivery& delivery) {
  const auto header = delivery.header("Stripe-Signature");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       delivery.receivedAt.time_since_epoch())
                       .count();
  const auto check = verifyStripeSignature(header.value_or(""), delivery.body, options_.webhookSecret,
                                           now, options_.webhookTolerance);
  if (check != SignatureCheck::kValid) {
    static constexpr const char* kWhy[] = {"valid", "malformed Stripe-Signature header",
                                           "signature timestamp outside the tolerance",
                                           "signature does not match",
                                           "STRIPE_WEBHOOK_SECRET is not configured"};
    throw Error(ErrorKind::kValidation, "invalid_signature", kWhy[static_cast<int>(check)]);
  }
  const auto j = Json::parse(delivery.body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string() ||
      !j.contains("type") || !j["type"].is_string() || !j.contains("data") ||
      !j["data"].is_object() || !j["data"].contains("object") || !j["data"]["object"].is_object()) {
    throw Error::validation("body", "not a Stripe event");
  }
  WebhookEvent e;
  e.id = j["id"].get<std::string>();
  e.type = j["type"].get<std::string>();
  const Json& obj = j["data"]["object"];
  auto metadata = [&](const Json& o, const char* key) -> std::optional<std::string> {
    if (!o.contains("metadata") || !o["metadata"].is_object()) return std::nullopt;
    return stringAt(o["metadata"], key);
  };
  if (e.type == "payment_intent.succeeded" || e.type == "payment_intent.payment_failed" ||
      e.type == "payment_intent.canceled") {
    e.providerPaymentId = obj.value("id", "");
    e.ourPaymentId = metadata(obj, "payment_id");
    const auto seen = fromIntent(obj);
    e.captureId = seen.captureId;
    if (e.type == "payment_intent.succeeded") e.kind = WebhookEvent::Kind::kSucceeded;
    if (e.type == "payment_intent.canceled") e.kind = WebhookEvent::Kind::kCancelled;
    if (e.type == "payment_intent.payment_failed") {
      e.kind = WebhookEvent::Kind::kFailed;
      e.failureCode = seen.failureCode.value_or("payment_failed");
    }
  } else if (e.type == "charge.refunded") {
    e.kind = WebhookEvent::Kind::kRefunded;
    e.providerPaymentId = stringAt(obj, "payment_intent").value_or("");
    e.ourPaymentId = metadata(obj, "payment_id");
    e.captureId = stringAt(obj, "id");
    if (obj.contains("amount_refunded") && obj["amount_refunded"].is_number_integer()) {
      e.amountRefundedTotal = obj["amount_refunded"].get<std::int64_t>();
    }
    // Newest first, when Stripe includes the list.
    if (obj.contains("refunds") && obj["refunds"].is_object() && obj["refunds"].contains("data") &&
        obj["refunds"]["data"].is_array() && !obj["refunds"]["data"].empty() &&
        obj["refunds"]["data"][0].is_object()) {
      const Json& latest = obj["refunds"]["data"][0];
      e.providerRefundId = stringAt(latest, "id");
      e.ourRefundId = metadata(latest, "refund_id");
      if (latest.contains("amount") && latest["amount"].is_number_integer()) {
        e.refundAmount = latest["amount"].get<std::int64_t>();
      }
    }
  }
  return e;
}

}  // namespace um::payment

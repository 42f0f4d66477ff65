#include "services/order/api/order_input.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/http/json_fields.hpp"
#include "services/order/domain/idempotency.hpp"

namespace um::order {

namespace {

constexpr std::size_t kMaxText = 200;

std::optional<std::string> guestCartId(const http::Request& req) {
  auto id = req.header("X-Cart-Id");
  if (!id || id->empty()) return std::nullopt;
  if (id->size() > 128) throw Error::validation("X-Cart-Id", "not a cart id");
  return std::string(*id);
}

ShippingAddress addressFrom(const http::Json& j) {
  if (!j.is_object()) throw Error::validation("shippingAddress", "shippingAddress must be an object");
  const http::JsonFields f(j, {"name", "line1", "line2", "city", "region", "postalCode", "country",
                               "phone", "id"});
  ShippingAddress a;
  a.name = f.requiredString("name", kMaxText);
  a.line1 = f.requiredString("line1", kMaxText);
  a.line2 = f.optionalString("line2", kMaxText);
  a.city = f.requiredString("city", kMaxText);
  a.region = f.optionalString("region", kMaxText);
  a.postalCode = f.optionalString("postalCode", 32);
  a.country = f.requiredString("country", 2);
  a.phone = f.optionalString("phone", 40);
  return a;
}

// For a quote: the same fields, each optional but the country.
ShippingAddress partialAddressFrom(const http::Json& j) {
  if (!j.is_object()) throw Error::validation("shippingAddress", "shippingAddress must be an object");
  const http::JsonFields f(j, {"name", "line1", "line2", "city", "region", "postalCode", "country",
                               "phone", "id"});
  ShippingAddress a;
  a.name = f.optionalString("name", kMaxText).value_or("");
  a.line1 = f.optionalString("line1", kMaxText).value_or("");
  a.line2 = f.optionalString("line2", kMaxText);
  a.city = f.optionalString("city", kMaxText).value_or("");
  a.region = f.optionalString("region", kMaxText);
  a.postalCode = f.optionalString("postalCode", 32);
  a.country = f.requiredString("country", 2);
  a.phone = f.optionalString("phone", 40);
  return a;
}

// The body as the fingerprint sees it: keys sorted (nlohmann's objects are ordered maps)
// and the card number reduced to its last four digits, so no form of it is ever stored.
std::string canonical(http::Json body) {
  if (body.contains("paymentMethod") && body["paymentMethod"].is_object() &&
      body["paymentMethod"].contains("testCard") && body["paymentMethod"]["testCard"].is_string()) {
    auto card = body["paymentMethod"]["testCard"].get<std::string>();
    body["paymentMethod"]["testCard"] = card.size() > 4 ? "****" + card.substr(card.size() - 4) : card;
  }
  return body.dump();
}

}  // namespace

CheckoutInput checkoutInputFrom(const http::Request& req) {
  const auto key = req.header("Idempotency-Key");
  if (!key || key->empty()) {
    throw Error(ErrorKind::kValidation, "idempotency_key_required",
                "the Idempotency-Key header is required", "Idempotency-Key");
  }
  if (!isValidIdempotencyKey(*key)) {
    throw Error::validation("Idempotency-Key", "1 to 255 printable ASCII characters");
  }
  const auto body = req.jsonObject();
  const http::JsonFields f(body, {"shippingAddress", "addressId", "email", "paymentProvider",
                                  "paymentMethod"});
  CheckoutInput in;
  in.idempotencyKey = std::string(*key);
  if (req.principal) in.cart.userId = req.principal->userId;
  in.cart.guestCartId = guestCartId(req);
  in.email = f.optionalString("email", 254);
  if (in.email && (in.email->find('@') == std::string::npos || in.email->front() == '@' ||
                   in.email->back() == '@')) {
    throw Error::validation("email", "not an email address");
  }
  if (f.has("shippingAddress") && !body["shippingAddress"].is_null()) {
    in.address = addressFrom(body["shippingAddress"]);
  }
  in.addressId = f.optionalString("addressId", 64);
  if (in.address && in.addressId) {
    throw Error::validation("addressId", "send a shippingAddress or an addressId, not both");
  }
  in.provider = f.requiredString("paymentProvider", 16);
  if (in.provider != "test" && in.provider != "stripe" && in.provider != "paypal") {
    throw Error::validation("paymentProvider", "one of test, stripe, paypal");
  }
  if (f.has("paymentMethod") && !body["paymentMethod"].is_null()) {
    const auto& m = body["paymentMethod"];
    if (!m.is_object()) throw Error::validation("paymentMethod", "paymentMethod must be an object");
    const http::JsonFields mf(m, {"testCard", "stripePaymentMethod"});
    in.method.testCard = mf.optionalString("testCard", 19);
    in.method.stripePaymentMethod = mf.optionalString("stripePaymentMethod", 255);
  }
  in.fingerprint = fingerprint(canonical(body));
  return in;
}

QuoteInput quoteInputFrom(const http::Request& req) {
  const auto body = req.jsonObject();
  const http::JsonFields f(body, {"shippingAddress", "addressId"});
  QuoteInput in;
  if (req.principal) in.cart.userId = req.principal->userId;
  in.cart.guestCartId = guestCartId(req);
  if (f.has("shippingAddress") && !body["shippingAddress"].is_null()) {
    in.address = partialAddressFrom(body["shippingAddress"]);
  }
  in.addressId = f.optionalString("addressId", 64);
  if (in.address && in.addressId) {
    throw Error::validation("addressId", "send a shippingAddress or an addressId, not both");
  }
  return in;
}

Viewer viewerFrom(const http::Request& req) {
  Viewer v;
  if (req.principal) {
    v.userId = req.principal->userId;
    v.admin = req.principal->isAdmin();
  }
  v.guestCartId = guestCartId(req);
  if (!v.userId && !v.guestCartId) throw Error::unauthenticated();
  return v;
}

void pagingFrom(const http::Request& req, OrderFilter& filter) {
  if (auto text = req.queryParam("limit")) {
    int v = 0;
    auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || p != text->data() + text->size() || v < 1 || v > 100) {
      throw Error::validation("limit", "limit must be an integer from 1 to 100");
    }
    filter.limit = v;
  }
  if (auto cursor = req.queryParam("cursor")) {
    if (cursor->empty() || cursor->size() > 64) throw Error::validation("cursor", "not a cursor this server made");
    filter.beforeId = *cursor;
  }
}

Shipment shipmentFrom(const http::Json& body) {
  const http::JsonFields f(body, {"carrier", "trackingNumber"});
  Shipment s;
  s.carrier = f.requiredString("carrier", 100);
  s.trackingNumber = f.requiredString("trackingNumber", 100);
  if (s.carrier.empty()) throw Error::validation("carrier", "carrier is required");
  if (s.trackingNumber.empty()) throw Error::validation("trackingNumber", "trackingNumber is required");
  return s;
}

std::optional<std::int64_t> refundAmountFrom(const http::Json& body, const std::string& currency) {
  const http::JsonFields f(body, {"amount", "reason"});
  f.optionalString("reason", 500);
  if (!f.has("amount") || body["amount"].is_null()) return std::nullopt;
  const auto& a = body["amount"];
  if (a.is_number_integer()) return a.get<std::int64_t>();
  if (a.is_object()) {
    const http::JsonFields mf(a, {"amount", "currency"});
    if (!a.contains("amount") || !a["amount"].is_number_integer()) {
      throw Error::validation("amount", "amount.amount must be an integer in minor units");
    }
    if (auto c = mf.optionalString("currency", 3); c && *c != currency) {
      throw Error::validation("amount", "the refund must be in the order's currency, " + currency);
    }
    return a["amount"].get<std::int64_t>();
  }
  throw Error::validation("amount", "amount must be an integer in minor units");
}

}  // namespace um::order

#include "services/notification/domain/email_composer.hpp"

#include <chrono>
#include <cstdint>

#include "services/notification/domain/money_text.hpp"
#include "services/notification/domain/template_engine.hpp"
#include "services/notification/domain/templates.hpp"

namespace um::notification {

namespace {

std::string str(const nlohmann::json& p, const char* key) {
  if (!p.is_object()) return "";
  auto it = p.find(key);
  return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

std::int64_t integer(const nlohmann::json& p, const char* key) {
  if (!p.is_object()) return 0;
  auto it = p.find(key);
  return it != p.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string templateFor(std::string_view eventType) {
  if (eventType == "user.registered") return "welcome";
  if (eventType == "auth.password_reset_requested") return "password_reset";
  if (eventType == "order.created") return "order_received";
  if (eventType == "order.paid") return "order_confirmation";
  if (eventType == "order.shipped") return "order_shipped";
  if (eventType == "order.cancelled") return "order_cancelled";
  if (eventType == "order.refunded") return "order_refunded";
  return "";
}

int yearOf(TimePoint now) {
  const auto days = std::chrono::floor<std::chrono::days>(now);
  return static_cast<int>(std::chrono::year_month_day(days).year());
}

void addOrderVariables(nlohmann::json& v, const nlohmann::json& p, const ComposeSettings& s) {
  const std::string currency = str(p, "currency");
  auto money = [&](std::int64_t amount) { return formatMoney(amount, currency); };
  v["number"] = str(p, "number");
  v["subtotal"] = money(integer(p, "subtotal"));
  v["shipping"] = money(integer(p, "shipping"));
  v["tax"] = money(integer(p, "tax"));
  v["total"] = money(integer(p, "total"));
  nlohmann::json items = nlohmann::json::array();
  if (p.contains("items") && p["items"].is_array()) {
    for (const auto& item : p["items"]) {
      const std::int64_t quantity = integer(item, "quantity");
      const std::int64_t unitPrice = integer(item, "unitPrice");
      items.push_back({{"name", str(item, "name")},
                       {"sku", str(item, "sku")},
                       {"quantity", quantity},
                       {"unitPrice", money(unitPrice)},
                       {"lineTotal", money(unitPrice * quantity)}});
    }
  }
  v["items"] = std::move(items);
  const std::string orderId = str(p, "orderId");
  // Signed-in customers see the order in their account; a guest's link is the confirmation
  // page, which the storefront opens with the guest's cart id.
  const bool guest = !p.contains("userId") || !p["userId"].is_string();
  v["orderUrl"] = guest ? s.publicUrl + "/orders/" + orderId + "/confirmation"
                        : s.publicUrl + "/account/orders/" + orderId;
  v["carrier"] = str(p, "carrier");
  v["trackingNumber"] = str(p, "trackingNumber");
  v["reason"] = str(p, "reason");
  v["wasPaid"] = p.is_object() && p.value("wasPaid", false);
  v["refundAmount"] = money(integer(p, "amount"));
  v["refundedTotal"] = money(integer(p, "refunded"));
}

}  // namespace

const std::vector<std::string>& notifyingEventTypes() {
  static const std::vector<std::string> types = {
      "user.registered", "auth.password_reset_requested", "order.created", "order.paid",
      "order.shipped",   "order.cancelled",               "order.refunded"};
  return types;
}

nlohmann::json templateVariables(std::string_view templateName, const nlohmann::json& p,
                                 const ComposeSettings& s, TimePoint now) {
  nlohmann::json v = {{"shopName", s.shopName}, {"shopUrl", s.publicUrl + "/"}, {"year", yearOf(now)}};
  v["name"] = str(p, "name");
  v["email"] = str(p, "email");
  v["accountUrl"] = s.publicUrl + "/account";
  if (templateName == "password_reset") {
    v["resetUrl"] = str(p, "resetUrl");  // opened by composeEmail; never stored in an event
    const std::int64_t minutes = integer(p, "expiresInMinutes");
    v["expiresInMinutes"] = minutes > 0 ? minutes : 60;
  } else if (templateName.starts_with("order_")) {
    addOrderVariables(v, p, s);
  }
  return v;
}

ComposedEmail renderEmail(std::string_view templateName, nlohmann::json variables) {
  const EmailTemplate& t = emailTemplate(templateName);
  ComposedEmail out;
  out.templateName = std::string(templateName);
  out.subject = renderTemplate(t.subject, variables, Escape::kNone);
  out.textBody = renderTemplate(t.text, variables, Escape::kNone);
  variables["subject"] = out.subject;
  variables["content"] = renderTemplate(t.html, variables, Escape::kHtml);
  out.htmlBody = renderTemplate(kHtmlLayout, variables, Escape::kHtml);
  return out;
}

std::optional<ComposedEmail> composeEmail(std::string_view eventType, const nlohmann::json& payload,
                                          const ComposeSettings& settings, TimePoint now) {
  const std::string name = templateFor(eventType);
  if (name.empty() || !payload.is_object()) return std::nullopt;
  const std::string to = str(payload, "email");
  if (to.empty()) return std::nullopt;
  nlohmann::json variables;
  if (name == "password_reset") {
    const std::string sealed = str(payload, "sealedResetUrl");
    const auto link = settings.openResetLink && !sealed.empty()
                          ? settings.openResetLink(sealed)
                          : std::nullopt;
    if (!link) return std::nullopt;  // forged, or sealed under another JWT_SECRET
    nlohmann::json opened = payload;
    opened["resetUrl"] = *link;
    variables = templateVariables(name, opened, settings, now);
  } else {
    variables = templateVariables(name, payload, settings, now);
  }
  ComposedEmail email = renderEmail(name, std::move(variables));
  email.to = to;
  if (payload.contains("userId") && payload["userId"].is_string()) {
    email.userId = payload["userId"].get<std::string>();
  }
  email.sensitive = name == "password_reset";
  return email;
}

}  // namespace um::notification

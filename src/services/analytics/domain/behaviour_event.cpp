#include "services/analytics/domain/behaviour_event.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "services/analytics/domain/time_window.hpp"

namespace um::analytics {

namespace {

bool needsProduct(const std::string& type) {
  return type == "product_view" || type == "add_to_cart" || type == "remove_from_cart" ||
         type == "recommendation_click";
}

bool isToken(const std::string& text, std::size_t maxChars) {
  if (text.empty() || text.size() > maxChars) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c > 0x20 && c < 0x7f;  // printable ASCII, no spaces
  });
}

}  // namespace

const std::vector<std::string>& behaviourEventTypes() {
  static const std::vector<std::string> types = {
      "page_view",         "product_view",  "search",
      "add_to_cart",       "remove_from_cart", "checkout_started",
      "recommendation_view", "recommendation_click"};
  return types;
}

void validate(const BehaviourEvent& e) {
  const auto& types = behaviourEventTypes();
  if (std::find(types.begin(), types.end(), e.type) == types.end()) {
    std::string list;
    for (const auto& t : types) list += (list.empty() ? "" : ", ") + t;
    throw Error::validation("type", "type must be one of " + list);
  }
  if (!isToken(e.sessionId, 128)) {
    throw Error::validation("sessionId", "sessionId must be 1 to 128 printable characters without spaces");
  }
  if (e.productId && !isToken(*e.productId, 128)) {
    throw Error::validation("productId", "productId must be 1 to 128 printable characters without spaces");
  }
  if (!e.productId && needsProduct(e.type)) {
    throw Error::validation("productId", "productId is required for " + e.type);
  }
  if (!e.properties.is_object()) throw Error::validation("properties", "properties must be an object");
  if (e.properties.dump().size() > kMaxPropertiesBytes) {
    throw Error::validation("properties", "properties may take at most 4096 bytes as JSON");
  }
}

nlohmann::json behaviourDocument(const BehaviourEvent& e, const std::string& id, TimePoint at) {
  const std::string stamp = formatRfc3339(at);
  nlohmann::json doc = {{"_id", id},
                        {"source", "client"},
                        {"type", e.type},
                        {"at", stamp},
                        {"day", dayOf(stamp)},
                        {"sessionId", e.sessionId},
                        {"data", e.properties}};
  // One person is one actor: the account when signed in, else the browser session.
  doc["actor"] = e.userId ? "user:" + *e.userId : "session:" + e.sessionId;
  if (e.userId) doc["userId"] = *e.userId;
  if (e.productId) doc["productId"] = *e.productId;
  return doc;
}

}  // namespace um::analytics

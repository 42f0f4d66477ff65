#include "services/cart/api/cart_json.hpp"

namespace um::cart {

namespace {

http::Json money(std::int64_t amount, const std::string& currency) {
  return {{"amount", amount}, {"currency", currency}};
}

http::Json orNull(const std::string& s) {
  return s.empty() ? http::Json(nullptr) : http::Json(s);
}

http::Json itemJson(const CartItem& i) {
  return {{"id", i.id},
          {"productId", i.productId},
          {"variantId", i.variantId},
          {"sku", i.sku},
          {"name", i.name},
          {"variantName", orNull(i.variantName)},
          {"image", orNull(i.image)},
          {"unitPrice", money(i.unitPrice, i.currency)},
          {"quantity", i.quantity}};
}

}  // namespace

http::Json cartJson(const PricedCart& cart) {
  http::Json items = http::Json::array();
  for (const auto& line : cart.items) {
    auto j = itemJson(line.item);
    j["lineTotal"] = money(line.lineTotal, line.item.currency);
    j["available"] = line.available;
    items.push_back(std::move(j));
  }
  http::Json unavailable = http::Json::array();
  for (const auto& item : cart.unavailable) {
    auto j = itemJson(item);
    j["reason"] = "no_longer_available";
    unavailable.push_back(std::move(j));
  }
  const http::Json id = cart.id ? http::Json(*cart.id) : http::Json(nullptr);
  return {{"id", id},
          {"cartId", id},
          {"items", std::move(items)},
          {"itemCount", cart.itemCount},
          {"subtotal", money(cart.subtotal.amount, cart.subtotal.currency)},
          {"unavailableItems", std::move(unavailable)}};
}

}  // namespace um::cart

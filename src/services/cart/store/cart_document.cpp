#include "services/cart/store/cart_document.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace um::cart {

namespace {

using Json = nlohmann::json;
constexpr int kLayout = 1;

std::int64_t epochMs(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint fromEpochMs(std::int64_t ms) {
  return TimePoint{std::chrono::milliseconds(ms)};
}

}  // namespace

std::string encodeCart(const Cart& cart) {
  Json items = Json::array();
  for (const auto& i : cart.items) {
    items.push_back({{"id", i.id},
                     {"productId", i.productId},
                     {"variantId", i.variantId},
                     {"quantity", i.quantity},
                     {"sku", i.sku},
                     {"name", i.name},
                     {"variantName", i.variantName},
                     {"image", i.image},
                     {"unitPrice", i.unitPrice},
                     {"currency", i.currency}});
  }
  const Json doc{{"v", kLayout},
                 {"id", cart.id},
                 {"userId", cart.userId ? Json(*cart.userId) : Json(nullptr)},
                 {"items", std::move(items)},
                 {"settledOrders", cart.settledOrders},
                 {"createdAt", epochMs(cart.createdAt)},
                 {"updatedAt", epochMs(cart.updatedAt)}};
  return doc.dump();
}

Cart decodeCart(const std::string& document) {
  try {
    const auto doc = Json::parse(document);
    if (doc.at("v").get<int>() != kLayout) {
      throw std::runtime_error("unknown cart layout " + doc.at("v").dump());
    }
    Cart cart;
    cart.id = doc.at("id").get<std::string>();
    if (!doc.at("userId").is_null()) cart.userId = doc.at("userId").get<std::string>();
    for (const auto& i : doc.at("items")) {
      cart.items.push_back({i.at("id").get<std::string>(), i.at("productId").get<std::string>(),
                            i.at("variantId").get<std::string>(),
                            i.at("quantity").get<std::int64_t>(), i.at("sku").get<std::string>(),
                            i.at("name").get<std::string>(), i.at("variantName").get<std::string>(),
                            i.at("image").get<std::string>(), i.at("unitPrice").get<std::int64_t>(),
                            i.at("currency").get<std::string>()});
    }
    // Absent from documents written before orders were remembered.
    if (doc.contains("settledOrders")) {
      cart.settledOrders = doc.at("settledOrders").get<std::vector<std::string>>();
    }
    cart.createdAt = fromEpochMs(doc.at("createdAt").get<std::int64_t>());
    cart.updatedAt = fromEpochMs(doc.at("updatedAt").get<std::int64_t>());
    return cart;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("unreadable cart document: ") + e.what());
  }
}

}  // namespace um::cart

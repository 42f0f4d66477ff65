#include "services/cart/store/outbox_cart_events.hpp"

#include "adapters/bus/outbox.hpp"
#include "core/log.hpp"

namespace um::cart {

void OutboxCartEvents::updated(const Cart& cart, const std::string& reason) {
  nlohmann::json items = nlohmann::json::array();
  std::int64_t itemCount = 0;
  for (const auto& i : cart.items) {
    items.push_back(
        {{"productId", i.productId}, {"variantId", i.variantId}, {"quantity", i.quantity}});
    itemCount += i.quantity;
  }
  const nlohmann::json payload{
      {"cartId", cart.id},
      {"userId", cart.userId ? nlohmann::json(*cart.userId) : nlohmann::json(nullptr)},
      {"reason", reason},
      {"items", std::move(items)},
      {"itemCount", itemCount},
      {"updatedAt", formatRfc3339(cart.updatedAt)}};
  try {
    db_.transaction(
        [&](sql::Transaction& tx) { bus::Outbox::append(tx, "cart.updated", cart.id, payload); });
  } catch (const std::exception& e) {
    // The cart change itself is done; failing the request now would make the client retry a
    // write that already happened.
    log::warn("cart.updated not recorded", {{"cartId", cart.id}, {"error", e.what()}});
  }
}

}  // namespace um::cart

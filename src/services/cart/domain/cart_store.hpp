#pragma once

// Where carts live, as the domain sees it: one document per cart, read and written whole,
// with optimistic concurrency (a version that changes on every write), so two requests
// editing one cart at once never lose an update. Implemented over the key-value port
// (store/kv_cart_store.hpp).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "services/cart/domain/cart.hpp"

namespace um::cart {

// A user's cart is found by the user id, a guest's by the cart id; the two never share a
// name, so a user's cart can never be reached by its id alone.
struct CartKey {
  enum class Kind { kUser, kGuest };
  Kind kind;
  std::string id;

  static CartKey user(std::string userId) { return {Kind::kUser, std::move(userId)}; }
  static CartKey guest(std::string cartId) { return {Kind::kGuest, std::move(cartId)}; }
};

using CartVersion = std::int64_t;
inline constexpr CartVersion kNoCart = 0;  // "expected not to exist"

struct StoredCart {
  Cart cart;
  CartVersion version = kNoCart;
};

class CartStore {
 public:
  virtual ~CartStore() = default;

  virtual std::optional<StoredCart> load(const CartKey& key) = 0;
  // Writes only if the cart is still at `expected` (kNoCart: does not exist yet); false when
  // someone else wrote first. `idle`: how long the cart lives without another write
  // (nullopt: until deleted).
  virtual bool save(const CartKey& key, const Cart& cart, CartVersion expected,
                    std::optional<std::chrono::seconds> idle) = 0;
  // Deletes only if still at `expected`; false otherwise.
  virtual bool remove(const CartKey& key, CartVersion expected) = 0;
  // Deletes whatever is there; false when there was nothing.
  virtual bool remove(const CartKey& key) = 0;
};

// Tells the rest of the platform a cart changed (cart.updated).
class CartEvents {
 public:
  virtual ~CartEvents() = default;
  // `reason`: item_added, item_updated, item_removed, merged, cleared.
  virtual void updated(const Cart& cart, const std::string& reason) = 0;
};

}  // namespace um::cart

#pragma once

// The cart's workflows: resolve whose cart a request means (merging a guest cart into the
// signed-in user's), change it with a read-modify-write that retries when a concurrent
// request wrote first, and price it from the catalog on every read. Knows neither HTTP nor
// storage: it talks to a CartStore, CartEvents and product::Client.

#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "services/cart/domain/cart.hpp"
#include "services/cart/domain/cart_rules.hpp"
#include "services/cart/domain/cart_store.hpp"
#include "services/product/client.hpp"

namespace um::cart {

struct AddItem {
  std::string productId;  // id or slug
  std::optional<std::string> variantId;
  std::int64_t quantity = 0;
};

class CartService {
 public:
  // Looked up at call time: the product service may register after this one, or (distributed
  // mode) be reached over HTTP.
  using CatalogLookup = std::function<product::Client&()>;
  using NewId = std::function<std::string()>;

  CartService(CartStore& store, CartEvents& events, CatalogLookup catalog, const Clock& clock,
              NewId newId, NewId newGuestCartId);

  // Every call below first merges owner.guestCartId into the user's cart when both are set.

  // The priced cart; an empty one (without id) when there is none.
  PricedCart view(const CartOwner& owner);
  // Creates the cart if needed: a guest without a (live) cart gets a new guest cart, whose id
  // the result carries. Never adopts an id the client made up.
  PricedCart addItem(const CartOwner& owner, const AddItem& request);
  // 0 removes the line.
  PricedCart setQuantity(const CartOwner& owner, const std::string& itemId, std::int64_t quantity);
  PricedCart removeItem(const CartOwner& owner, const std::string& itemId);
  // Deletes the cart (both, when a user and a guest cart are named). Idempotent.
  void clear(const CartOwner& owner);
  // After an order is paid: takes exactly its units out of the cart(s) named, keeping what
  // was added since checkout. Idempotent per order id; a cart that is gone is not an error.
  void removeOrdered(const CartOwner& owner, const std::string& orderId,
                     const std::vector<OrderedUnits>& units);

  // The cart as stored, not priced (checkout re-prices it itself); nullopt when none.
  std::optional<Cart> contents(const CartOwner& owner);

  // Carts of an erased user go with the user.
  void forgetUser(const std::string& userId);

 private:
  std::optional<CartKey> resolve(const CartOwner& owner);
  void mergeGuest(const std::string& userId, const std::string& guestCartId);
  Cart update(const CartKey& key, const std::function<void(Cart&)>& change,
              const std::string& reason);
  Cart freshCart(const CartKey& key) const;
  PricedCart priced(const Cart& cart);
  PricedCart emptyCart(const CartOwner& owner) const;

  CartStore& store_;
  CartEvents& events_;
  CatalogLookup catalog_;
  const Clock& clock_;
  NewId newId_;  // line ids and user cart ids
  NewId newGuestCartId_;
};

}  // namespace um::cart

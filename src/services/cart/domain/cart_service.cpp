#include "services/cart/domain/cart_service.hpp"

#include "core/error.hpp"

namespace um::cart {

namespace {

// Enough for any realistic burst on one cart (a double-clicked button, two tabs); past it
// the caller is told to retry rather than spinning.
constexpr int kMaxAttempts = 16;

Error busy() {
  return Error::conflict("cart_busy", "the cart is being changed by another request; try again");
}

std::optional<std::chrono::seconds> idleLimit(const CartKey& key) {
  // A user's cart stays until checkout empties it or the user is erased.
  if (key.kind == CartKey::Kind::kUser) return std::nullopt;
  return kGuestCartIdle;
}

}  // namespace

CartService::CartService(CartStore& store, CartEvents& events, CatalogLookup catalog,
                         const Clock& clock, NewId newId, NewId newGuestCartId)
    : store_(store),
      events_(events),
      catalog_(std::move(catalog)),
      clock_(clock),
      newId_(std::move(newId)),
      newGuestCartId_(std::move(newGuestCartId)) {}

PricedCart CartService::view(const CartOwner& owner) {
  const auto key = resolve(owner);
  if (!key) return emptyCart(owner);
  const auto stored = store_.load(*key);
  if (!stored) return emptyCart(owner);
  return priced(stored->cart);
}

PricedCart CartService::addItem(const CartOwner& owner, const AddItem& request) {
  checkQuantity(request.quantity, false);
  // The catalog is asked before the store is touched, so a 404 or a catalog outage leaves
  // the cart as it was.
  const auto variants = catalog_().productVariants(request.productId);
  const Offer offer = chooseVariant(variants, request.variantId);

  auto key = resolve(owner);
  if (!key || (key->kind == CartKey::Kind::kGuest && !store_.load(*key))) {
    key = CartKey::guest(newGuestCartId_());
  }
  const Cart cart = update(
      *key, [&](Cart& c) { addUnits(c, offer, request.quantity, newId_); }, "item_added");
  return priced(cart);
}

PricedCart CartService::setQuantity(const CartOwner& owner, const std::string& itemId,
                                    std::int64_t quantity) {
  checkQuantity(quantity, true);
  const auto key = resolve(owner);
  if (!key) throw Error::notFound("cart item");
  const auto stored = store_.load(*key);
  if (!stored) throw Error::notFound("cart item");

  std::optional<Offer> offer;
  if (quantity > 0) {
    std::string variantId;
    for (const auto& i : stored->cart.items) {
      if (i.id == itemId) variantId = i.variantId;
    }
    if (variantId.empty()) throw Error::notFound("cart item");
    auto offers = catalog_().variants({variantId});
    if (!offers.empty()) offer = std::move(offers.front());
  }
  const Cart cart = update(
      *key, [&](Cart& c) { cart::setQuantity(c, itemId, quantity, offer ? &*offer : nullptr); },
      quantity == 0 ? "item_removed" : "item_updated");
  return priced(cart);
}

PricedCart CartService::removeItem(const CartOwner& owner, const std::string& itemId) {
  const auto key = resolve(owner);
  if (!key) throw Error::notFound("cart item");
  const Cart cart = update(
      *key, [&](Cart& c) { cart::removeItem(c, itemId); }, "item_removed");
  return priced(cart);
}

void CartService::clear(const CartOwner& owner) {
  std::vector<CartKey> keys;
  if (owner.userId) keys.push_back(CartKey::user(*owner.userId));
  if (owner.guestCartId) keys.push_back(CartKey::guest(*owner.guestCartId));
  for (const auto& key : keys) {
    auto stored = store_.load(key);
    if (!stored || !store_.remove(key)) continue;
    Cart cleared = std::move(stored->cart);
    cleared.items.clear();
    cleared.updatedAt = clock_.now();
    events_.updated(cleared, "cleared");
  }
}

void CartService::removeOrdered(const CartOwner& owner, const std::string& orderId,
                                const std::vector<OrderedUnits>& units) {
  // The order names what the checkout request named. With a token and a guest id, checkout
  // had merged the guest cart into the user's, so the units are in the user's cart; the
  // guest key is still tried, in case the merge happened after (then nothing is there).
  std::vector<CartKey> keys;
  if (owner.userId) keys.push_back(CartKey::user(*owner.userId));
  if (owner.guestCartId) keys.push_back(CartKey::guest(*owner.guestCartId));
  for (const auto& key : keys) {
    bool done = false;
    for (int attempt = 0; attempt < kMaxAttempts && !done; ++attempt) {
      auto stored = store_.load(key);
      if (!stored) {
        done = true;
        break;
      }
      Cart cart = std::move(stored->cart);
      if (!cart::removeOrdered(cart, orderId, units)) {
        done = true;
        break;
      }
      cart.updatedAt = clock_.now();
      const Cart checkedOut = cart;
      bool written = false;
      if (cart.items.empty() && key.kind == CartKey::Kind::kGuest) {
        // Nothing left: the guest's cart goes, as a cleared one always did. Safe for a
        // repeat: a guest id is never handed out again, so it finds no cart.
        written = store_.remove(key, stored->version);
      } else {
        if (cart.items.empty()) {
          // A user's cart stays, for the order ids it remembers, but the checked-out cart
          // is finished: the next add starts a new one, with its own id (analytics counts
          // carts by id, as when the cart was deleted).
          cart.id = newId_();
          cart.createdAt = cart.updatedAt;
        }
        written = store_.save(key, cart, stored->version, idleLimit(key));
      }
      if (written) {
        events_.updated(checkedOut, "ordered");
        done = true;
      }
    }
    // Unavailable, not conflict: the caller (the order's owed work) retries it later.
    if (!done) throw Error::unavailable("cart_busy", "the cart kept changing; try again");
  }
}

std::optional<Cart> CartService::contents(const CartOwner& owner) {
  const auto key = resolve(owner);
  if (!key) return std::nullopt;
  auto stored = store_.load(*key);
  if (!stored) return std::nullopt;
  return std::move(stored->cart);
}

void CartService::forgetUser(const std::string& userId) {
  store_.remove(CartKey::user(userId));
}

std::optional<CartKey> CartService::resolve(const CartOwner& owner) {
  if (owner.userId) {
    if (owner.guestCartId) mergeGuest(*owner.userId, *owner.guestCartId);
    return CartKey::user(*owner.userId);
  }
  if (owner.guestCartId) return CartKey::guest(*owner.guestCartId);
  return std::nullopt;
}

void CartService::mergeGuest(const std::string& userId, const std::string& guestCartId) {
  const auto guestKey = CartKey::guest(guestCartId);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    const auto guest = store_.load(guestKey);
    if (!guest) return;
    if (guest->cart.items.empty()) {
      store_.remove(guestKey, guest->version);
      return;
    }
    const auto offers = catalog_().variants(variantIds(guest->cart.items));
    // Claim the guest cart before merging it: whoever removes it owns its lines, so two
    // requests merging at once (or a guest write racing the merge) never count a line twice.
    if (!store_.remove(guestKey, guest->version)) continue;
    update(
        CartKey::user(userId), [&](Cart& c) { mergeItems(c, guest->cart.items, offers); },
        "merged");
    return;
  }
  throw busy();
}

Cart CartService::update(const CartKey& key, const std::function<void(Cart&)>& change,
                         const std::string& reason) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto stored = store_.load(key);
    Cart cart = stored ? std::move(stored->cart) : freshCart(key);
    change(cart);
    cart.updatedAt = clock_.now();
    if (store_.save(key, cart, stored ? stored->version : kNoCart, idleLimit(key))) {
      events_.updated(cart, reason);
      return cart;
    }
  }
  throw busy();
}

Cart CartService::freshCart(const CartKey& key) const {
  Cart cart;
  if (key.kind == CartKey::Kind::kGuest) {
    cart.id = key.id;
  } else {
    cart.id = newId_();
    cart.userId = key.id;
  }
  cart.createdAt = cart.updatedAt = clock_.now();
  return cart;
}

PricedCart CartService::priced(const Cart& cart) {
  if (cart.items.empty()) return price(cart, {});
  return price(cart, catalog_().variants(variantIds(cart.items)));
}

PricedCart CartService::emptyCart(const CartOwner& owner) const {
  PricedCart out;
  out.guest = !owner.userId.has_value();
  return out;
}

}  // namespace um::cart

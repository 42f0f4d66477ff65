#pragma once

// The cart's vocabulary, free of HTTP and storage types: what is stored, who owns it, and
// the priced view every read returns.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace um::cart {

// Per line; a shopper wanting more is a wholesale order, and it bounds what one line can
// hold back from other buyers at checkout.
inline constexpr std::int64_t kMaxQuantity = 99;
// Distinct lines per cart, so one cart document stays small.
inline constexpr std::size_t kMaxLines = 100;
// A guest cart nobody wrote to for this long is gone (each write starts the period again).
inline constexpr std::chrono::seconds kGuestCartIdle{30LL * 24 * 3600};
// The currency of an empty cart's subtotal: the only one the catalog sells in today.
inline constexpr const char* kDefaultCurrency = "USD";
// How many checked-out orders a cart remembers (removeOrdered's idempotency). Removal runs
// seconds after payment; 20 later orders from one cart in between is beyond any shopper.
inline constexpr std::size_t kMaxSettledOrders = 20;

// One line as stored. The catalog fields are a snapshot taken when the line was last
// written: reads re-price from the catalog, and show the snapshot only for a product that
// has since vanished.
struct CartItem {
  std::string id;
  std::string productId;
  std::string variantId;
  std::int64_t quantity = 0;
  std::string sku;
  std::string name;
  std::string variantName;
  std::string image;
  std::int64_t unitPrice = 0;
  std::string currency;
};

struct Cart {
  std::string id;
  std::optional<std::string> userId;  // nullopt: a guest cart
  std::vector<CartItem> items;
  // Orders whose lines were taken out of this cart (newest last), so doing it again for the
  // same order, from a redelivered event or a retry, takes nothing more.
  std::vector<std::string> settledOrders;
  TimePoint createdAt{};
  TimePoint updatedAt{};

  bool isGuest() const { return !userId.has_value(); }
};

// Who a request speaks for: a signed-in user, a guest cart id (X-Cart-Id), both (the guest
// cart is then merged into the user's) or neither.
struct CartOwner {
  std::optional<std::string> userId;
  std::optional<std::string> guestCartId;
};

// Units of one variant that an order took from the cart.
struct OrderedUnits {
  std::string variantId;
  std::int64_t quantity = 0;
};

struct Money {
  std::int64_t amount = 0;
  std::string currency = kDefaultCurrency;
};

struct PricedLine {
  CartItem item;  // catalog fields and unitPrice as of now
  std::int64_t lineTotal = 0;
  std::int64_t available = 0;  // units the catalog can sell now
};

// A cart as a read returns it: priced from the catalog now. Lines whose product vanished or
// is no longer for sale are not in `items` (nor in the totals) but in `unavailable`, so the
// shopper sees what happened and can remove them; checkout ignores them.
struct PricedCart {
  std::optional<std::string> id;  // nullopt: there is no cart yet
  bool guest = false;
  std::vector<PricedLine> items;
  std::vector<CartItem> unavailable;
  std::int64_t itemCount = 0;  // units, summed over lines
  Money subtotal;
};

}  // namespace um::cart

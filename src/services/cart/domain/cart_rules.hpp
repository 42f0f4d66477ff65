#pragma once

// The cart's rules as pure functions over a Cart and the catalog's offers: no I/O, so each
// rule is unit-tested on its own (tests/unit/services/cart/). CartService fetches the offers
// and stores the result.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/cart/domain/cart.hpp"
#include "services/product/client.hpp"

namespace um::cart {

// What the catalog says about a variant now: price, stock, and whether it is for sale.
using Offer = product::PricedVariant;
using NewLineId = std::function<std::string()>;

// 400 (field "quantity") unless 1..kMaxQuantity, or 0..kMaxQuantity when `allowZero`.
void checkQuantity(std::int64_t quantity, bool allowZero);

// The variant an add means: `variantId` among the product's variants, or its only one.
// 404 when the product has nothing for sale (unknown, draft, archived) or `variantId` is not
// one of its variants; 400 (field "variantId") when it has several and none was named.
const Offer& chooseVariant(const std::vector<Offer>& variants,
                           const std::optional<std::string>& variantId);

// Adds `quantity` units of `offer` (to the variant's line when there is one). Throws 409
// insufficient_stock past what is available, 400 (field "quantity") past kMaxQuantity per
// line, 409 cart_full past kMaxLines, 409 currency_mismatch for a second currency.
void addUnits(Cart& cart, const Offer& offer, std::int64_t quantity, const NewLineId& newLineId);

// Sets a line's quantity; 0 removes the line. `offer` is the line's variant now, or null when
// it is no longer for sale (409 item_unavailable unless removing). 404 for an unknown item,
// 409 insufficient_stock past what is available.
void setQuantity(Cart& cart, const std::string& itemId, std::int64_t quantity, const Offer* offer);

// 404 for an unknown item.
void removeItem(Cart& cart, const std::string& itemId);

// Moves a guest cart's lines into `target`. Quantities of one variant are added; a merged
// line is capped by what the catalog has (and kMaxQuantity) but never drops below what
// `target` held before; lines whose variant is not for sale, or out of stock, are dropped;
// new lines beyond kMaxLines are dropped. A line new to `target` keeps its id.
void mergeItems(Cart& target, const std::vector<CartItem>& guestItems,
                const std::vector<Offer>& offers);

// Takes what order `orderId` bought out of the cart: each variant's quantity goes down by
// the ordered units (a line reaching 0 goes), so units added after checkout stay. Returns
// false, changing nothing, when this order's units were already taken.
bool removeOrdered(Cart& cart, const std::string& orderId, const std::vector<OrderedUnits>& units);

// The priced view of `cart` given the catalog's current `offers` for its variants.
PricedCart price(const Cart& cart, const std::vector<Offer>& offers);

// The variant ids of a cart's lines, in line order (what to ask the catalog for).
std::vector<std::string> variantIds(const std::vector<CartItem>& items);

}  // namespace um::cart

#include "services/cart/domain/cart_rules.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace um::cart {

namespace {

const Offer* findOffer(const std::vector<Offer>& offers, const std::string& variantId) {
  auto it = std::find_if(offers.begin(), offers.end(),
                         [&](const Offer& o) { return o.variantId == variantId; });
  return it == offers.end() ? nullptr : &*it;
}

bool forSale(const Offer* offer) {
  return offer != nullptr && offer->purchasable;
}

CartItem* findItem(Cart& cart, const std::string& itemId) {
  auto it = std::find_if(cart.items.begin(), cart.items.end(),
                         [&](const CartItem& i) { return i.id == itemId; });
  return it == cart.items.end() ? nullptr : &*it;
}

CartItem* findVariantLine(Cart& cart, const std::string& variantId) {
  auto it = std::find_if(cart.items.begin(), cart.items.end(),
                         [&](const CartItem& i) { return i.variantId == variantId; });
  return it == cart.items.end() ? nullptr : &*it;
}

void takeSnapshot(CartItem& item, const Offer& offer) {
  item.productId = offer.productId;
  item.variantId = offer.variantId;
  item.sku = offer.sku;
  item.name = offer.productName;
  item.variantName = offer.variantName;
  item.image = offer.image;
  item.unitPrice = offer.unitPrice;
  item.currency = offer.currency;
}

Error insufficientStock(std::int64_t available) {
  return Error::conflict(
      "insufficient_stock",
      "only " + std::to_string(std::max<std::int64_t>(available, 0)) + " units are available");
}

Error tooMany() {
  return Error::validation("quantity",
                           "a cart line holds at most " + std::to_string(kMaxQuantity) + " units");
}

}  // namespace

void checkQuantity(std::int64_t quantity, bool allowZero) {
  const std::int64_t lowest = allowZero ? 0 : 1;
  if (quantity < lowest || quantity > kMaxQuantity) {
    throw Error::validation("quantity", "quantity must be an integer from " +
                                            std::to_string(lowest) + " to " +
                                            std::to_string(kMaxQuantity));
  }
}

const Offer& chooseVariant(const std::vector<Offer>& variants,
                           const std::optional<std::string>& variantId) {
  const bool productForSale =
      std::any_of(variants.begin(), variants.end(), [](const Offer& o) { return o.purchasable; });
  if (!productForSale) throw Error::notFound("product");
  if (variantId) {
    const Offer* offer = findOffer(variants, *variantId);
    if (offer == nullptr) throw Error::notFound("variant");
    return *offer;
  }
  if (variants.size() > 1) {
    throw Error::validation("variantId", "this product has several variants: name one");
  }
  return variants.front();
}

void addUnits(Cart& cart, const Offer& offer, std::int64_t quantity, const NewLineId& newLineId) {
  checkQuantity(quantity, false);
  if (!offer.purchasable) throw Error::notFound("product");
  CartItem* line = findVariantLine(cart, offer.variantId);
  const std::int64_t wanted = quantity + (line != nullptr ? line->quantity : 0);
  if (wanted > kMaxQuantity) throw tooMany();
  if (wanted > offer.available) throw insufficientStock(offer.available);
  if (line != nullptr) {
    line->quantity = wanted;
    takeSnapshot(*line, offer);
    return;
  }
  if (cart.items.size() >= kMaxLines) {
    throw Error::conflict("cart_full",
                          "a cart holds at most " + std::to_string(kMaxLines) + " different items");
  }
  for (const auto& other : cart.items) {
    if (other.currency != offer.currency) {
      throw Error::conflict("currency_mismatch", "a cart holds items in one currency only");
    }
  }
  CartItem item;
  item.id = newLineId();
  item.quantity = wanted;
  takeSnapshot(item, offer);
  cart.items.push_back(std::move(item));
}

void setQuantity(Cart& cart, const std::string& itemId, std::int64_t quantity, const Offer* offer) {
  checkQuantity(quantity, true);
  CartItem* line = findItem(cart, itemId);
  if (line == nullptr) throw Error::notFound("cart item");
  if (quantity == 0) {
    removeItem(cart, itemId);
    return;
  }
  if (!forSale(offer)) {
    throw Error::conflict("item_unavailable", "this product is no longer for sale");
  }
  // Lowering a quantity is always allowed, even below what is in stock now: the shopper is
  // giving units back, and checkout checks stock again anyway.
  if (quantity > line->quantity && quantity > offer->available) {
    throw insufficientStock(offer->available);
  }
  line->quantity = quantity;
  takeSnapshot(*line, *offer);
}

void removeItem(Cart& cart, const std::string& itemId) {
  const auto before = cart.items.size();
  std::erase_if(cart.items, [&](const CartItem& i) { return i.id == itemId; });
  if (cart.items.size() == before) throw Error::notFound("cart item");
}

void mergeItems(Cart& target, const std::vector<CartItem>& guestItems,
                const std::vector<Offer>& offers) {
  for (const auto& guest : guestItems) {
    const Offer* offer = findOffer(offers, guest.variantId);
    if (!forSale(offer)) continue;
    const std::int64_t cap = std::min(offer->available, kMaxQuantity);
    if (CartItem* line = findVariantLine(target, guest.variantId)) {
      const std::int64_t merged = std::min(line->quantity + guest.quantity, cap);
      line->quantity = std::max(line->quantity, merged);
      takeSnapshot(*line, *offer);
      continue;
    }
    const std::int64_t quantity = std::min(guest.quantity, cap);
    if (quantity <= 0 || target.items.size() >= kMaxLines) continue;
    CartItem item = guest;  // keeps its id: a client holding it can still address the line
    item.quantity = quantity;
    takeSnapshot(item, *offer);
    target.items.push_back(std::move(item));
  }
}

bool removeOrdered(Cart& cart, const std::string& orderId, const std::vector<OrderedUnits>& units) {
  if (std::find(cart.settledOrders.begin(), cart.settledOrders.end(), orderId) !=
      cart.settledOrders.end()) {
    return false;
  }
  for (const auto& u : units) {
    std::int64_t left = u.quantity;
    for (auto& item : cart.items) {
      if (left <= 0) break;
      if (item.variantId != u.variantId) continue;
      const std::int64_t taken = std::min(left, item.quantity);
      item.quantity -= taken;
      left -= taken;
    }
  }
  std::erase_if(cart.items, [](const CartItem& i) { return i.quantity <= 0; });
  cart.settledOrders.push_back(orderId);
  if (cart.settledOrders.size() > kMaxSettledOrders) {
    cart.settledOrders.erase(cart.settledOrders.begin(),
                             cart.settledOrders.end() - static_cast<std::ptrdiff_t>(kMaxSettledOrders));
  }
  return true;
}

PricedCart price(const Cart& cart, const std::vector<Offer>& offers) {
  PricedCart out;
  out.id = cart.id;
  out.guest = cart.isGuest();
  bool currencyKnown = false;
  for (const auto& item : cart.items) {
    const Offer* offer = findOffer(offers, item.variantId);
    if (!forSale(offer)) {
      out.unavailable.push_back(item);
      continue;
    }
    PricedLine line{item, 0, offer->available};
    takeSnapshot(line.item, *offer);
    line.lineTotal = line.item.unitPrice * line.item.quantity;
    if (!currencyKnown) {
      out.subtotal.currency = line.item.currency;
      currencyKnown = true;
    }
    out.subtotal.amount += line.lineTotal;
    out.itemCount += line.item.quantity;
    out.items.push_back(std::move(line));
  }
  return out;
}

std::vector<std::string> variantIds(const std::vector<CartItem>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& i : items) ids.push_back(i.variantId);
  return ids;
}

}  // namespace um::cart

#pragma once

// The contract's Cart JSON: {id, items: [{id, productId, variantId, sku, name, image,
// unitPrice, quantity, lineTotal}], itemCount, subtotal}, plus `cartId` (the same id, as the
// contract names it for a new guest cart), `variantName` and `available` per line, and
// `unavailableItems` (lines whose product is no longer for sale).

#include "core/http/message.hpp"
#include "services/cart/domain/cart.hpp"

namespace um::cart {

http::Json cartJson(const PricedCart& cart);

}  // namespace um::cart

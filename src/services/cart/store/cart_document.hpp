#pragma once

// A cart as the JSON document kept under its key. Stored carts outlive deploys, so `v`
// names the layout and a reader refuses what it does not know instead of guessing.

#include <string>

#include "services/cart/domain/cart.hpp"

namespace um::cart {

std::string encodeCart(const Cart& cart);
// Throws std::runtime_error for a document this version cannot read.
Cart decodeCart(const std::string& document);

}  // namespace um::cart

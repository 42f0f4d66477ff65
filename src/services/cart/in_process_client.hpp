#pragma once

// cart::Client as a direct call into this process's cart domain (all-in-one mode).

#include <memory>

#include "services/cart/client.hpp"

namespace um::cart {

class CartService;

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<CartService> carts);

}  // namespace um::cart

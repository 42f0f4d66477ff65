#pragma once

// The HTTP face of the cart service: /v2/cart and /v2/cart/items (contract: Cart). Every
// route takes a token when there is one (a bad token is a 401, never a silent guest) and the
// guest cart's X-Cart-Id header.

#include <memory>

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"

namespace um::cart {

class CartService;

void addCartRoutes(http::Router& router, const http::Authenticator& authenticator,
                   std::shared_ptr<CartService> carts);

}  // namespace um::cart

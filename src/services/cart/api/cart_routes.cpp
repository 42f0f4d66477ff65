#include "services/cart/api/cart_routes.hpp"

#include "core/error.hpp"
#include "core/http/json_fields.hpp"
#include "services/cart/api/cart_json.hpp"
#include "services/cart/domain/cart_service.hpp"
#include "services/cart/domain/guest_cart_id.hpp"

namespace um::cart {

namespace {

constexpr const char* kCartIdHeader = "X-Cart-Id";
constexpr std::size_t kMaxIdChars = 200;  // product ids and slugs

CartOwner ownerOf(const http::Request& req) {
  CartOwner owner;
  if (req.principal) owner.userId = req.principal->userId;
  if (auto header = req.header(kCartIdHeader); header && !header->empty()) {
    if (!isWellFormedCartId(*header)) {
      throw Error::validation(kCartIdHeader, "X-Cart-Id is not a cart id");
    }
    owner.guestCartId = std::string(*header);
  }
  return owner;
}

std::int64_t quantityFrom(const http::Json& body) {
  auto it = body.find("quantity");
  if (it == body.end() || it->is_null()) {
    throw Error::validation("quantity", "quantity is required");
  }
  // Unsigned values past int64 would wrap; anything that large is out of range anyway.
  if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > 1000)) {
    throw Error::validation(
        "quantity", "quantity must be an integer from 0 to " + std::to_string(kMaxQuantity));
  }
  return it->get<std::int64_t>();
}

http::Response cartResponse(int status, const PricedCart& cart) {
  auto res = http::Response::json(status, cartJson(cart));
  // Only a guest cart is addressed by its id; a user's cart id must not travel as a header
  // a client would then send back as a guest id.
  if (cart.guest && cart.id) res.headers.set(kCartIdHeader, *cart.id);
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void addCartRoutes(http::Router& router, const http::Authenticator& authenticator,
                   std::shared_ptr<CartService> carts) {
  const http::RouteOptions maybeSignedIn{{http::authenticate(authenticator)}};

  router.add(
      "GET", "/v2/cart",
      [carts](http::Request& req) { return cartResponse(200, carts->view(ownerOf(req))); },
      maybeSignedIn);

  router.add(
      "DELETE", "/v2/cart",
      [carts](http::Request& req) {
        carts->clear(ownerOf(req));
        return http::Response::noContent();
      },
      maybeSignedIn);

  router.add(
      "POST", "/v2/cart/items",
      [carts](http::Request& req) {
        const auto owner = ownerOf(req);
        const auto body = req.jsonObject();
        const http::JsonFields f(body, {"productId", "variantId", "quantity"});
        AddItem add;
        add.productId = f.requiredString("productId", kMaxIdChars);
        if (add.productId.empty()) throw Error::validation("productId", "productId is required");
        add.variantId = f.optionalString("variantId", kMaxIdChars);
        add.quantity = quantityFrom(body);
        return cartResponse(201, carts->addItem(owner, add));
      },
      maybeSignedIn);

  router.add(
      "PATCH", "/v2/cart/items/{itemId}",
      [carts](http::Request& req) {
        const auto owner = ownerOf(req);
        const auto body = req.jsonObject();
        const http::JsonFields f(body, {"quantity"});
        return cartResponse(200,
                            carts->setQuantity(owner, req.param("itemId"), quantityFrom(body)));
      },
      maybeSignedIn);

  router.add(
      "DELETE", "/v2/cart/items/{itemId}",
      [carts](http::Request& req) {
        return cartResponse(200, carts->removeItem(ownerOf(req), req.param("itemId")));
      },
      maybeSignedIn);
}

}  // namespace um::cart

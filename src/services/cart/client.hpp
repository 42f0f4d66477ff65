#pragma once

// How other services (checkout, in the order service) use carts. Found through
// ServiceContext::clients; the all-in-one process provides the in-process implementation
// (cart/in_process_client.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace um::cart {

// Whose cart, as an HTTP request names it: the signed-in user's id (the token's `sub`), the
// guest cart id (X-Cart-Id), or both, in which case the guest cart is first merged into the
// user's, exactly as the cart routes do. Keep what you were given on the order, so the cart
// can be emptied after payment.
struct CartRef {
  std::optional<std::string> userId;
  std::optional<std::string> guestCartId;
};

// A line as stored. Not re-priced: checkout re-prices through product::Client and must treat
// a variant that is missing or no longer purchasable as unavailable. The price fields are the
// catalog's when the line was last written, for messages only.
struct CartLine {
  std::string itemId;
  std::string productId;
  std::string variantId;
  std::int64_t quantity = 0;
  std::string sku;
  std::string name;
  std::int64_t unitPrice = 0;  // minor units, as last seen
  std::string currency;
};

// Units of a variant an order bought.
struct OrderedLine {
  std::string variantId;
  std::int64_t quantity = 0;
};

struct CartContents {
  std::string id;
  std::optional<std::string> userId;  // nullopt: a guest cart
  std::vector<CartLine> lines;
};

class Client {
 public:
  virtual ~Client() = default;

  // The cart named by `ref`; nullopt when there is none (or the guest cart expired). An empty
  // cart may come back with no lines.
  virtual std::optional<CartContents> cart(const CartRef& ref) = 0;
  // After order `orderId` is paid: takes the units it bought out of the cart(s) `ref` names,
  // and only those, so what the shopper added after checking out stays. Idempotent per
  // order id (the cart remembers it), so an event delivered twice, or a retry after a
  // crash, takes nothing more; a cart that is gone is not an error.
  virtual void removeOrdered(const CartRef& ref, const std::string& orderId,
                             const std::vector<OrderedLine>& lines) = 0;
};

}  // namespace um::cart

#pragma once

// What checkout needs from services this one does not own, as narrow interfaces in the
// order's own terms. service.cpp adapts the peers' clients to them (cart_gateway.cpp,
// customer_directory.cpp), so the workflow does not change when a peer's client does, and
// unit tests hand in fakes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/order/domain/order.hpp"

namespace um::order {

// Whose cart: a signed-in user's, or a guest's (X-Cart-Id).
struct CartRef {
  std::optional<std::string> userId;
  std::optional<std::string> guestCartId;
};

struct CartLine {
  std::string productId;
  std::string variantId;
  std::int64_t quantity = 0;

  bool operator==(const CartLine&) const = default;
};

class CartGateway {
 public:
  virtual ~CartGateway() = default;
  // The lines to check out; empty when there is no cart.
  virtual std::vector<CartLine> lines(const CartRef& cart) = 0;
  // Once order `orderId` is paid: takes exactly its lines out of the cart, leaving what was
  // added after checkout. Idempotent per order.
  virtual void removeOrdered(const CartRef& cart, const std::string& orderId,
                             const std::vector<CartLine>& lines) = 0;
};

class CustomerDirectory {
 public:
  virtual ~CustomerDirectory() = default;
  virtual std::optional<std::string> email(const std::string& userId) = 0;
  // The user's saved address; nullopt when it is not theirs or does not exist.
  virtual std::optional<ShippingAddress> address(const std::string& userId,
                                                 const std::string& addressId) = 0;
};

}  // namespace um::order

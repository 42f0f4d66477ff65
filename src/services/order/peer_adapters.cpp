#include "services/order/peer_adapters.hpp"

#include "services/auth/client.hpp"
#include "services/cart/client.hpp"
#include "services/user/client.hpp"

namespace um::order {

namespace {

class CartClientGateway final : public CartGateway {
 public:
  explicit CartClientGateway(ClientRegistry& clients) : clients_(clients) {}

  std::vector<CartLine> lines(const CartRef& ref) override {
    if (!ref.userId && !ref.guestCartId) return {};
    const auto cart = clients_.get<cart::Client>().cart({ref.userId, ref.guestCartId});
    std::vector<CartLine> out;
    if (!cart) return out;
    for (const auto& l : cart->lines) out.push_back({l.productId, l.variantId, l.quantity});
    return out;
  }

  void removeOrdered(const CartRef& ref, const std::string& orderId,
                     const std::vector<CartLine>& lines) override {
    if (!ref.userId && !ref.guestCartId) return;
    std::vector<cart::OrderedLine> ordered;
    for (const auto& l : lines) ordered.push_back({l.variantId, l.quantity});
    clients_.get<cart::Client>().removeOrdered({ref.userId, ref.guestCartId}, orderId, ordered);
  }

 private:
  ClientRegistry& clients_;
};

class AccountDirectory final : public CustomerDirectory {
 public:
  explicit AccountDirectory(ClientRegistry& clients) : clients_(clients) {}

  // The account's email, from what auth holds about it. The user service's client offers no
  // profile lookup yet; when it does, this is the one place to change.
  std::optional<std::string> email(const std::string& userId) override {
    if (!clients_.has<auth::Client>()) return std::nullopt;
    const auto account = clients_.get<auth::Client>().exportAccount(userId);
    if (!account.is_object() || !account.contains("email") || !account["email"].is_string()) {
      return std::nullopt;
    }
    return account["email"].get<std::string>();
  }

  // Saved addresses live in the user service; its client answers nullopt for an address
  // that is not this user's, so another buyer's id reads as unknown.
  std::optional<ShippingAddress> address(const std::string& userId,
                                         const std::string& addressId) override {
    if (!clients_.has<user::Client>()) return std::nullopt;
    const auto a = clients_.get<user::Client>().address(userId, addressId);
    if (!a) return std::nullopt;
    return ShippingAddress{a->name, a->line1,      a->line2,   a->city,
                           a->region, a->postalCode, a->country, a->phone};
  }

 private:
  ClientRegistry& clients_;
};

}  // namespace

std::unique_ptr<CartGateway> makeCartGateway(ClientRegistry& clients) {
  return std::make_unique<CartClientGateway>(clients);
}

std::unique_ptr<CustomerDirectory> makeCustomerDirectory(ClientRegistry& clients) {
  return std::make_unique<AccountDirectory>(clients);
}

}  // namespace um::order

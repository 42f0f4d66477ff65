#include "services/cart/in_process_client.hpp"

#include "services/cart/domain/cart_service.hpp"

namespace um::cart {

namespace {

CartOwner ownerOf(const CartRef& ref) {
  return {ref.userId, ref.guestCartId};
}

class InProcessClient final : public Client {
 public:
  explicit InProcessClient(std::shared_ptr<CartService> carts) : carts_(std::move(carts)) {}

  std::optional<CartContents> cart(const CartRef& ref) override {
    auto stored = carts_->contents(ownerOf(ref));
    if (!stored) return std::nullopt;
    CartContents out{stored->id, stored->userId, {}};
    for (const auto& i : stored->items) {
      out.lines.push_back(
          {i.id, i.productId, i.variantId, i.quantity, i.sku, i.name, i.unitPrice, i.currency});
    }
    return out;
  }

  void removeOrdered(const CartRef& ref, const std::string& orderId,
                     const std::vector<OrderedLine>& lines) override {
    std::vector<OrderedUnits> units;
    for (const auto& l : lines) units.push_back({l.variantId, l.quantity});
    carts_->removeOrdered(ownerOf(ref), orderId, units);
  }

 private:
  std::shared_ptr<CartService> carts_;
};

}  // namespace

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<CartService> carts) {
  return std::make_shared<InProcessClient>(std::move(carts));
}

}  // namespace um::cart

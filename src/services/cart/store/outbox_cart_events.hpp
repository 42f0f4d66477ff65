#pragma once

// cart.updated through the cart service's outbox. Carts live behind the key-value port
// (Redis in production), which cannot share a transaction with the outbox, so the event is
// appended just after the cart write: a crash between the two loses the event, never the
// cart. That is acceptable for cart.updated, which only feeds analytics (abandonment) and
// caches; nothing that moves money or stock depends on it.

#include "adapters/sql/database.hpp"
#include "services/cart/domain/cart_store.hpp"

namespace um::cart {

class OutboxCartEvents final : public CartEvents {
 public:
  explicit OutboxCartEvents(sql::Database& db) : db_(db) {}
  void updated(const Cart& cart, const std::string& reason) override;

 private:
  sql::Database& db_;
};

}  // namespace um::cart

#pragma once

// The order workflows: the checkout saga, the status machine's changes, and the reactions
// to payment outcomes. Knows neither HTTP nor SQL.
//
// Checkout: claim the Idempotency-Key → load the cart → re-price from the catalog → reserve
// stock (all or nothing) → store the order pending_payment (with order.created, linked to
// the key, in one transaction) → create the payment → answer. A success makes the order
// paid; a decline, a cancel or the unpaid-order sweeper make it cancelled.
//
// Work owed to other services after a change (commit the reservation and take the ordered
// units out of the cart once paid; release the stock, or restock it if it was sold, and
// void or refund the payment once cancelled; restock after a full refund before shipping)
// is recorded as the order's pending effect in the same transaction as the change, done at
// once, and done again from the order.* event and by the sweeper until it succeeds. Each
// of those calls is idempotent, so doing one twice is harmless, and a crash never loses one.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "services/order/domain/order_store.hpp"
#include "services/order/domain/ports.hpp"
#include "services/order/domain/pricing.hpp"
#include "services/payment/client.hpp"
#include "services/product/client.hpp"

namespace um::order {

struct CheckoutInput {
  std::string idempotencyKey;
  std::string fingerprint;  // of the request body
  CartRef cart;             // the user, or the guest cart
  std::optional<std::string> email;
  std::optional<ShippingAddress> address;
  std::optional<std::string> addressId;
  std::string provider;
  payment::PaymentMethod method;
};

// What the checkout page asks before the buyer pays: the cart priced for a destination.
// Only the address's country matters to the price, so a partly typed address will do.
struct QuoteInput {
  CartRef cart;
  std::optional<ShippingAddress> address;
  std::optional<std::string> addressId;
};

struct Quote {
  std::string currency;
  std::vector<OrderLine> items;  // re-priced from the catalog, with lineTotal
  Totals totals;
  int taxRate = 0;  // basis points applied
};

struct CheckoutResult {
  Order order;
  bool created = false;  // false: the same key and body again (a replay)
};

// Who asks, for visibility checks: a user, an admin, or a guest holding the cart id.
struct Viewer {
  std::optional<std::string> userId;
  bool admin = false;
  std::optional<std::string> guestCartId;
};

struct OrderServiceDeps {
  OrderStore& store;
  CartGateway& carts;
  CustomerDirectory& customers;
  // Peers are looked up at call time: registration order does not matter.
  std::function<product::Client&()> catalog;
  std::function<payment::Client&()> payments;
  const Clock& clock;
  std::function<void(std::chrono::milliseconds)> sleep;
};

struct OrderServiceOptions {
  PricingRules pricing;
  std::chrono::seconds reservationTtl{15 * 60};
  // A claim on a key older than this belongs to a request that died mid-saga.
  std::chrono::seconds abandonedClaimAfter{60};
  // How long a replay waits for the first request with its key to finish.
  std::chrono::milliseconds replayWait{20000};
  // Owed work not done for this long is retried by the sweeper.
  std::chrono::seconds effectRetryAfter{30};
};

class OrderService {
 public:
  OrderService(OrderServiceDeps deps, OrderServiceOptions options);

  CheckoutResult checkout(const CheckoutInput& input);
  // The totals checkout would charge for the cart now, by the same rules; reserves nothing.
  // 409 cart_empty, 409 product_unavailable, 400 for a bad destination.
  Quote quote(const QuoteInput& input);

  Order get(const std::string& orderId, const Viewer& viewer);
  OrderPage list(const OrderFilter& filter);

  Order cancel(const std::string& orderId, const Viewer& viewer);
  Order ship(const std::string& orderId, const Shipment& shipment);
  Order deliver(const std::string& orderId);
  // `amount` nullopt: whatever is left. `key` makes a retried request one refund.
  Order refund(const std::string& orderId, std::optional<std::int64_t> amount,
               const std::string& key);

  // Payment outcomes (from payment.* events, and directly from checkout). Idempotent.
  void paymentSucceeded(const std::string& orderId, const std::string& paymentId);
  void paymentFailed(const std::string& orderId, const std::string& failureCode);
  void paymentRefunded(const std::string& orderId, const std::string& refundId,
                       std::int64_t amount, const std::string& paymentStatus);
  void paymentCancelled(const std::string& orderId);

  // Does the order's owed work, if any. Throws when a peer is unavailable (retry later).
  void runPendingEffect(const std::string& orderId);

  // Sweeper passes; each returns how many orders it handled.
  int cancelExpired();
  int retryStalledEffects();

 private:
  Order require(const std::string& orderId);
  // The saved or inline address a request names; 400 when neither is usable.
  ShippingAddress resolveAddress(const CartRef& cart, const std::optional<ShippingAddress>& inline_,
                                 const std::optional<std::string>& addressId);
  // The cart's lines re-priced from the catalog, totals for `country`. Shared by quote and
  // checkout so the page never shows a price the order would not charge.
  Quote priceCart(const CartRef& cart, const std::string& country);
  Order buildOrder(const CheckoutInput& input, const std::string& email,
                   const ShippingAddress& address);
  void insertWithNumber(Order& order, const KeyClaim& claim);
  Order pay(Order order, const payment::PaymentMethod& method);
  Order applyPaymentState(const Order& order, const payment::PaymentState& state);
  // pending_payment → paid for an order read (or just made) by the caller, with its owed
  // work done at once. Returns the order as stored, or nullopt when the order had moved on
  // (then the caller re-reads it).
  std::optional<Order> markPaid(const Order& order, const std::string& paymentId);
  // The owed work `effect` for an order whose lines and reservation are known. False when a
  // paid order could not be honoured (its stock was gone) and was cancelled instead.
  bool runEffect(const Order& order, const std::string& effect);
  Order cancelInternal(const std::string& orderId, const std::string& note);
  // runPendingEffect, logging instead of throwing (the sweeper retries).
  void settleEffect(const std::string& orderId);
  // False when the order could not be honoured and was cancelled instead.
  bool fulfil(const Order& order);
  void undo(const Order& order);
  nlohmann::json eventPayload(const Order& order, OrderStatus status) const;
  std::string now() const;

  OrderServiceDeps deps_;
  OrderServiceOptions options_;
};

// Throws Error::validation naming the field when the address is incomplete.
void validateAddress(const ShippingAddress& address);
// Throws Error::validation (shippingAddress.country) unless an ISO 3166-1 alpha-2 code.
void validateCountry(const std::string& country);

}  // namespace um::order

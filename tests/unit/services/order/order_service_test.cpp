// The checkout saga and the status changes against in-memory fakes of the store and of
// the peer services: no I/O, an injected clock.

#include "services/order/domain/order_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/error.hpp"
#include "services/order/domain/status_machine.hpp"

namespace um::order {
namespace {

using S = OrderStatus;

class FixedClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds s) { now_ += s; }

 private:
  TimePoint now_ = std::chrono::sys_days{std::chrono::year{2025} / 11 / 25} + std::chrono::hours(12);
};

class MemoryOrderStore final : public OrderStore {
 public:
  struct Key {
    std::string fingerprint;
    std::optional<std::string> orderId;
    std::string token;
    std::string claimedAt;
  };

  ClaimResult claimKey(const std::string& scope, const std::string& key, const std::string& fp,
                       const std::string& now, const std::string& staleBefore) override {
    auto& slot = keys[scope + "|" + key];
    if (slot.token.empty()) {
      slot = {fp, std::nullopt, "t" + std::to_string(++tokens), now};
      return {ClaimResult::Outcome::kClaimed, std::nullopt, slot.token};
    }
    if (slot.fingerprint != fp) return {ClaimResult::Outcome::kMismatch, std::nullopt, ""};
    if (slot.orderId) return {ClaimResult::Outcome::kCompleted, slot.orderId, ""};
    if (slot.claimedAt < staleBefore) {
      slot.token = "t" + std::to_string(++tokens);
      slot.claimedAt = now;
      return {ClaimResult::Outcome::kClaimed, std::nullopt, slot.token};
    }
    return {ClaimResult::Outcome::kBusy, std::nullopt, ""};
  }
  void releaseKey(const KeyClaim& c) override {
    auto it = keys.find(c.scope + "|" + c.key);
    if (it != keys.end() && it->second.token == c.token && !it->second.orderId) keys.erase(it);
  }
  void create(const Order& o, const KeyClaim& c, const nlohmann::json&) override {
    auto& slot = keys.at(c.scope + "|" + c.key);
    if (slot.token != c.token) throw Error::conflict("idempotency_key_in_use", "lost");
    slot.orderId = o.id;
    orders[o.id] = o;
    events.push_back("order.created");
  }
  std::optional<Order> find(const std::string& id) override {
    auto it = orders.find(id);
    if (it == orders.end()) return std::nullopt;
    return it->second;
  }
  std::optional<Order> findSummary(const std::string& id) override { return find(id); }
  OrderPage list(const OrderFilter&) override { return {}; }
  ChangeResult apply(const OrderChange& c) override {
    if (c.refund && !refunds.insert(c.refund->refundId).second) return ChangeResult::kDuplicateRefund;
    auto& o = orders.at(c.orderId);
    if (o.status != c.expected) {
      if (c.refund) refunds.erase(c.refund->refundId);
      return ChangeResult::kStale;
    }
    if (c.recordHistory) o.statusHistory.push_back({c.status, c.at, c.note});
    o.status = c.status;
    if (c.pendingEffect) o.pendingEffect = c.pendingEffect;
    if (c.paymentStatus) o.payment.status = *c.paymentStatus;
    if (c.shipment) o.shipment = c.shipment;
    if (c.refund) o.refunded += c.refund->amount;
    if (!c.eventType.empty()) events.push_back(c.eventType);
    return ChangeResult::kApplied;
  }
  void setPayment(const std::string& id, const PaymentSummary& p, const std::string&) override {
    auto& o = orders.at(id);
    if (o.status == S::kPendingPayment) o.payment = p;
  }
  void setPaymentStatus(const std::string& id, const std::string& status) override {
    orders.at(id).payment.status = status;
  }
  void clearEffect(const std::string& id, const std::string& effect) override {
    auto& o = orders.at(id);
    if (o.pendingEffect == effect) o.pendingEffect.reset();
  }
  bool replaceReservation(const std::string& id, const std::string& from,
                          const std::string& to) override {
    auto& o = orders.at(id);
    if (o.reservationId != from) return false;
    o.reservationId = to;
    return true;
  }
  std::vector<std::string> expiredUnpaid(const std::string& now, int) override {
    std::vector<std::string> out;
    for (auto& [id, o] : orders) {
      if (o.status == S::kPendingPayment && o.expiresAt < now) out.push_back(id);
    }
    return out;
  }
  std::vector<std::string> stalledEffects(const std::string&, int) override { return {}; }

  std::map<std::string, Key> keys;
  std::map<std::string, Order> orders;
  std::set<std::string> refunds;
  std::vector<std::string> events;
  int tokens = 0;
};

class FakeCatalog final : public product::Client {
 public:
  std::vector<product::PricedVariant> variants(const std::vector<std::string>& ids) override {
    std::vector<product::PricedVariant> out;
    for (const auto& id : ids) {
      if (auto it = stock.find(id); it != stock.end()) {
        out.push_back({"p-" + id, id, "SKU-" + id, "Lamp", "Standard", "", prices[id], "USD",
                       it->second, true});
      }
    }
    return out;
  }
  std::vector<product::PricedVariant> productVariants(const std::string&) override { return {}; }
  std::string reserve(const std::vector<product::ReserveLine>& lines, std::chrono::seconds,
                      const std::string&) override {
    for (const auto& l : lines) {
      if (stock[l.variantId] < l.quantity) throw Error::conflict("insufficient_stock", "no");
    }
    const std::string id = "res-" + std::to_string(++made);
    for (const auto& l : lines) stock[l.variantId] -= l.quantity;
    held[id] = lines;
    state[id] = "active";
    return id;
  }
  void commit(const std::string& id) override {
    if (state[id] == "released") throw Error::conflict("reservation_released", "expired");
    if (state[id] == "restocked") return;  // committed before, then put back
    state[id] = "committed";
  }
  void restock(const std::string& id) override {
    if (state[id] == "restocked") return;
    if (state[id] != "committed") throw Error::conflict("reservation_not_committed", "not sold");
    for (const auto& l : held[id]) stock[l.variantId] += l.quantity;
    state[id] = "restocked";
  }
  void release(const std::string& id) override {
    if (state[id] == "committed" || state[id] == "restocked") {
      throw Error::conflict("reservation_committed", "sold");
    }
    if (state[id] == "active") {
      for (const auto& l : held[id]) stock[l.variantId] += l.quantity;
    }
    state[id] = "released";
  }

  std::map<std::string, std::int64_t> stock{{"v1", 5}};
  std::map<std::string, std::int64_t> prices{{"v1", 1000}};
  std::map<std::string, std::vector<product::ReserveLine>> held;
  std::map<std::string, std::string> state;
  int made = 0;
};

class FakeCarts final : public CartGateway {
 public:
  std::vector<CartLine> lines(const CartRef&) override { return contents; }
  // Removes the ordered units once per order, like the cart service.
  void removeOrdered(const CartRef&, const std::string& orderId,
                     const std::vector<CartLine>& lines) override {
    if (!settled.insert(orderId).second) return;
    for (const auto& l : lines) {
      for (auto& c : contents) {
        if (c.variantId == l.variantId) c.quantity -= l.quantity;
      }
    }
    std::erase_if(contents, [](const CartLine& c) { return c.quantity <= 0; });
    ++clears;
  }
  std::set<std::string> settled;
  std::vector<CartLine> contents{{"p-v1", "v1", 2}};
  int clears = 0;
};

class FakeCustomers final : public CustomerDirectory {
 public:
  std::optional<std::string> email(const std::string&) override { return "ada@example.com"; }
  // u1 owns address a1 (in France); every other id, or another user, finds nothing.
  std::optional<ShippingAddress> address(const std::string& userId, const std::string& id) override {
    if (userId != "u1" || id != "a1") return std::nullopt;
    return ShippingAddress{"Ada", "2 Rue", std::nullopt, "Paris", std::nullopt, "75001", "FR", std::nullopt};
  }
};

class FakePayments final : public payment::Client {
 public:
  void checkMethod(const std::string& provider, const payment::PaymentMethod&) override {
    if (provider != "test") throw Error(ErrorKind::kValidation, "provider_unavailable", "off");
  }
  payment::PaymentState create(const payment::CreatePayment& r) override {
    ++creates;
    payment::PaymentState s;
    s.id = "pay-" + r.orderId;
    s.orderId = r.orderId;
    s.provider = r.provider;
    s.amount = r.amount;
    s.currency = r.currency;
    s.status = r.method.testCard == "4000000000000002" ? "failed" : outcome;
    last = s;
    return s;
  }
  std::optional<payment::PaymentState> forOrder(const std::string&) override { return last; }
  std::optional<payment::PaymentState> cancel(const std::string&) override {
    ++cancels;
    last.status = last.status == "succeeded" ? "refunded" : "cancelled";
    return last;
  }
  payment::RefundOutcome refund(const std::string&, std::int64_t amount, const std::string& key) override {
    refundKeys.push_back(key);
    return {"refund-" + std::to_string(refundKeys.size()), amount, "succeeded", last};
  }
  std::string outcome = "succeeded";
  payment::PaymentState last;
  int creates = 0;
  int cancels = 0;
  std::vector<std::string> refundKeys;
};

class OrderServiceTest : public ::testing::Test {
 protected:
  OrderServiceTest()
      : service(OrderServiceDeps{store, carts, customers,
                                 [this]() -> product::Client& { return catalog; },
                                 [this]() -> payment::Client& { return payments; }, clock,
                                 [this](std::chrono::milliseconds d) {
                                   clock.advance(std::chrono::duration_cast<std::chrono::seconds>(d) +
                                                 std::chrono::seconds(1));
                                 }},
                OrderServiceOptions{pricing(), std::chrono::minutes(15)}) {}

  static PricingRules pricing() {
    PricingRules r;
    r.shippingFlatRate = 499;
    r.freeShippingThreshold = 5000;
    r.taxRates = {{"DE", 1900}};
    return r;
  }

  CheckoutInput input(std::string key = "key-1", std::string card = "4242424242424242") {
    CheckoutInput in;
    in.idempotencyKey = std::move(key);
    in.fingerprint = "fp-" + card;
    in.cart.userId = "u1";
    in.address = ShippingAddress{"Ada", "1 Way", std::nullopt, "Berlin", std::nullopt, "10115", "DE", std::nullopt};
    in.provider = "test";
    in.method.testCard = card;
    return in;
  }

  FixedClock clock;
  MemoryOrderStore store;
  FakeCatalog catalog;
  FakeCarts carts;
  FakeCustomers customers;
  FakePayments payments;
  OrderService service;
};

TEST_F(OrderServiceTest, CheckoutPaysCommitsTheReservationAndEmptiesTheCart) {
  const auto r = service.checkout(input());
  EXPECT_TRUE(r.created);
  const auto& o = r.order;
  EXPECT_EQ(o.status, S::kPaid);
  EXPECT_EQ(o.email, "ada@example.com");
  EXPECT_EQ(o.subtotal, 2000);
  EXPECT_EQ(o.shipping, 499);
  EXPECT_EQ(o.tax, 475);  // 19 % of 2499
  EXPECT_EQ(o.total, 2974);
  EXPECT_EQ(catalog.state[o.reservationId], "committed");
  EXPECT_EQ(catalog.stock["v1"], 3);
  EXPECT_EQ(carts.clears, 1);
  EXPECT_FALSE(o.pendingEffect.has_value());
  EXPECT_EQ(store.events, (std::vector<std::string>{"order.created", "order.paid"}));
}

TEST_F(OrderServiceTest, TheSameKeyReturnsTheSameOrderAndAnotherBodyIsRefused) {
  const auto first = service.checkout(input());
  const auto again = service.checkout(input());
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.order.id, first.order.id);
  EXPECT_EQ(payments.creates, 1);
  try {
    service.checkout(input("key-1", "5555555555554444"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "idempotency_key_reused");
  }
}

TEST_F(OrderServiceTest, OutOfStockReservesNothingAndFreesTheKey) {
  catalog.stock["v1"] = 1;
  EXPECT_THROW(service.checkout(input()), Error);
  EXPECT_TRUE(store.orders.empty());
  EXPECT_TRUE(store.keys.empty());
  catalog.stock["v1"] = 5;
  EXPECT_TRUE(service.checkout(input()).created);
}

TEST_F(OrderServiceTest, AnEmptyCartIsCartEmpty) {
  carts.contents.clear();
  try {
    service.checkout(input());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "cart_empty");
  }
  EXPECT_TRUE(store.keys.empty());
}

TEST_F(OrderServiceTest, ADeclineCancelsAndReleasesTheStock) {
  const auto o = service.checkout(input("k", "4000000000000002")).order;
  EXPECT_EQ(o.status, S::kCancelled);
  EXPECT_EQ(catalog.state[o.reservationId], "released");
  EXPECT_EQ(catalog.stock["v1"], 5);
  EXPECT_EQ(carts.clears, 0);
}

TEST_F(OrderServiceTest, APendingOrderExpiresAndIsCancelled) {
  payments.outcome = "pending";
  const auto o = service.checkout(input()).order;
  EXPECT_EQ(o.status, S::kPendingPayment);
  EXPECT_EQ(service.cancelExpired(), 0);
  clock.advance(std::chrono::minutes(16));
  EXPECT_EQ(service.cancelExpired(), 1);
  EXPECT_EQ(store.orders.at(o.id).status, S::kCancelled);
  EXPECT_EQ(catalog.stock["v1"], 5);
  EXPECT_EQ(payments.cancels, 1);
}

TEST_F(OrderServiceTest, ASuccessForACancelledOrderIsRefunded) {
  payments.outcome = "pending";
  const auto o = service.checkout(input()).order;
  service.cancel(o.id, Viewer{"u1", false, std::nullopt});
  payments.last.status = "succeeded";
  service.paymentSucceeded(o.id, "pay-" + o.id);
  EXPECT_EQ(store.orders.at(o.id).status, S::kCancelled);
  EXPECT_EQ(payments.cancels, 2);  // the cancel, then the late success
}

TEST_F(OrderServiceTest, APaymentAfterTheHoldRanOutReReservesOrRefunds) {
  payments.outcome = "pending";
  const auto o = service.checkout(input()).order;
  catalog.release(o.reservationId);  // the catalog's sweeper
  service.paymentSucceeded(o.id, "pay");
  EXPECT_EQ(store.orders.at(o.id).status, S::kPaid);
  EXPECT_EQ(catalog.stock["v1"], 3);

  carts.contents = {{"p-v1", "v1", 2}};  // emptied by the first order
  const auto second = service.checkout(input("k2")).order;
  catalog.release(second.reservationId);
  catalog.stock["v1"] = 0;  // sold meanwhile
  service.paymentSucceeded(second.id, "pay");
  EXPECT_EQ(store.orders.at(second.id).status, S::kCancelled);
  EXPECT_GE(payments.cancels, 1);
}

TEST_F(OrderServiceTest, ShipDeliverAndRefundsFollowTheMachine) {
  const auto o = service.checkout(input()).order;
  EXPECT_THROW(service.deliver(o.id), Error);
  EXPECT_EQ(service.ship(o.id, {"UPS", "1Z"}).status, S::kShipped);
  EXPECT_EQ(service.deliver(o.id).status, S::kDelivered);
  EXPECT_EQ(service.refund(o.id, 1000, "a").status, S::kPartiallyRefunded);
  EXPECT_THROW(service.refund(o.id, o.total, "b"), Error);  // more than is left
  const auto done = service.refund(o.id, std::nullopt, "c");
  EXPECT_EQ(done.status, S::kRefunded);
  EXPECT_EQ(done.refunded, o.total);
  EXPECT_THROW(service.refund(o.id, std::nullopt, "d"), Error);
  // A refund event for a refund already applied changes nothing.
  service.paymentRefunded(o.id, "refund-1", 1000, "refunded");
  EXPECT_EQ(store.orders.at(o.id).refunded, o.total);
}

TEST_F(OrderServiceTest, OnlyTheOwnerOrAnAdminSeesAnOrder) {
  const auto o = service.checkout(input()).order;
  EXPECT_NO_THROW(service.get(o.id, Viewer{"u1", false, std::nullopt}));
  EXPECT_NO_THROW(service.get(o.id, Viewer{"admin", true, std::nullopt}));
  EXPECT_THROW(service.get(o.id, Viewer{"u2", false, std::nullopt}), Error);
  EXPECT_THROW(service.get(o.id, Viewer{std::nullopt, false, "some-cart"}), Error);
}

TEST_F(OrderServiceTest, CancellingAPaidOrderRestocksItOnceEvenWhenTheWorkRunsAgain) {
  const auto o = service.checkout(input()).order;
  EXPECT_EQ(catalog.stock["v1"], 3);
  service.cancel(o.id, Viewer{"u1", false, std::nullopt});
  EXPECT_EQ(catalog.state[o.reservationId], "restocked");
  EXPECT_EQ(catalog.stock["v1"], 5);
  // As after a crash before the work was recorded done, or order.cancelled redelivered.
  store.orders.at(o.id).pendingEffect = "cancel";
  service.runPendingEffect(o.id);
  service.runPendingEffect(o.id);
  EXPECT_EQ(catalog.stock["v1"], 5);
}

TEST_F(OrderServiceTest, AFullRefundBeforeShippingRestocksButNotAfterShipping) {
  const auto kept = service.checkout(input("k1")).order;
  service.refund(kept.id, 100, "partial");
  EXPECT_EQ(catalog.stock["v1"], 3);  // a partial refund is a discount, the goods still go
  EXPECT_EQ(service.refund(kept.id, std::nullopt, "rest").status, S::kRefunded);
  EXPECT_EQ(catalog.stock["v1"], 5);

  carts.contents = {{"p-v1", "v1", 2}};
  const auto shipped = service.checkout(input("k2")).order;
  service.ship(shipped.id, {"UPS", "1Z"});
  EXPECT_EQ(service.refund(shipped.id, std::nullopt, "all").status, S::kRefunded);
  EXPECT_EQ(catalog.stock["v1"], 3);  // with the buyer now
}

TEST_F(OrderServiceTest, OnlyTheOrderedUnitsLeaveTheCartAndOnlyOnce) {
  payments.outcome = "pending";
  const auto o = service.checkout(input()).order;
  carts.contents = {{"p-v1", "v1", 3}, {"p-v2", "v2", 1}};  // added while paying
  service.paymentSucceeded(o.id, "pay-" + o.id);
  EXPECT_EQ(carts.contents, (std::vector<CartLine>{{"p-v1", "v1", 1}, {"p-v2", "v2", 1}}));
  store.orders.at(o.id).pendingEffect = "fulfil";
  service.runPendingEffect(o.id);
  EXPECT_EQ(carts.contents.size(), 2u);
  EXPECT_EQ(carts.contents.front().quantity, 1);
}

TEST_F(OrderServiceTest, PaidAtOnceTheOrderIsWrittenOnceWithNothingOwed) {
  const auto o = service.checkout(input()).order;
  EXPECT_EQ(o.status, S::kPaid);
  EXPECT_FALSE(store.orders.at(o.id).pendingEffect.has_value());
  EXPECT_EQ(catalog.state[o.reservationId], "committed");
  EXPECT_TRUE(carts.contents.empty());
}

TEST_F(OrderServiceTest, FulfilmentThatCannotRunNowIsOwedWithThePaidChange) {
  payments.outcome = "pending";
  const auto o = service.checkout(input()).order;
  struct DownCatalog final : product::Client {
    explicit DownCatalog(FakeCatalog& real) : real_(real) {}
    std::vector<product::PricedVariant> variants(const std::vector<std::string>& ids) override {
      return real_.variants(ids);
    }
    std::vector<product::PricedVariant> productVariants(const std::string&) override { return {}; }
    std::string reserve(const std::vector<product::ReserveLine>&, std::chrono::seconds,
                        const std::string&) override {
      throw Error::unavailable("catalog_down", "down");
    }
    void commit(const std::string&) override { throw Error::unavailable("catalog_down", "down"); }
    void release(const std::string&) override { throw Error::unavailable("catalog_down", "down"); }
    void restock(const std::string&) override { throw Error::unavailable("catalog_down", "down"); }
    FakeCatalog& real_;
  } down(catalog);
  OrderService withCatalogDown(
      OrderServiceDeps{store, carts, customers, [&]() -> product::Client& { return down; },
                       [this]() -> payment::Client& { return payments; }, clock,
                       [](std::chrono::milliseconds) {}},
      OrderServiceOptions{pricing(), std::chrono::minutes(15)});
  withCatalogDown.paymentSucceeded(o.id, "pay-" + o.id);
  EXPECT_EQ(store.orders.at(o.id).status, S::kPaid);
  EXPECT_EQ(store.orders.at(o.id).pendingEffect, std::optional<std::string>("fulfil"));
  // Once the catalog answers, the owed work runs and is cleared.
  service.runPendingEffect(o.id);
  EXPECT_EQ(catalog.state[o.reservationId], "committed");
  EXPECT_FALSE(store.orders.at(o.id).pendingEffect.has_value());
}

TEST_F(OrderServiceTest, PaidAfterItsHoldExpiredTheOrderKeepsTheNewHoldAndACancelRestocksIt) {
  payments.outcome = "pending";
  const auto o = service.checkout(input()).order;
  catalog.release(o.reservationId);  // the hold ran out; the units are back on sale
  EXPECT_EQ(catalog.stock["v1"], 5);
  service.paymentSucceeded(o.id, "pay-" + o.id);
  const auto held = store.orders.at(o.id).reservationId;
  EXPECT_NE(held, o.reservationId);
  EXPECT_EQ(catalog.state[held], "committed");
  EXPECT_EQ(catalog.stock["v1"], 3);
  // The owed work run again (a redelivered event) commits that hold; it takes no more.
  store.orders.at(o.id).pendingEffect = "fulfil";
  service.runPendingEffect(o.id);
  EXPECT_EQ(catalog.made, 2);
  EXPECT_EQ(catalog.stock["v1"], 3);
  // Cancelled later, the units it bought go back on sale.
  service.cancel(o.id, Viewer{"u1", false, std::nullopt});
  EXPECT_EQ(catalog.state[held], "restocked");
  EXPECT_EQ(catalog.stock["v1"], 5);
}

TEST_F(OrderServiceTest, AQuoteChargesWhatTheOrderWouldAndHoldsNothing) {
  QuoteInput q;
  q.cart.userId = "u1";
  q.address = ShippingAddress{};
  q.address->country = "DE";
  const auto quote = service.quote(q);
  EXPECT_EQ(quote.currency, "USD");
  EXPECT_EQ(quote.totals.subtotal, 2000);
  EXPECT_EQ(quote.totals.shipping, 499);
  EXPECT_EQ(quote.totals.tax, 475);
  EXPECT_EQ(quote.totals.total, 2974);
  EXPECT_EQ(quote.taxRate, 1900);
  EXPECT_EQ(catalog.stock["v1"], 5);
  EXPECT_EQ(service.checkout(input()).order.total, quote.totals.total);

  q.address->country = "Germany";
  EXPECT_THROW(service.quote(q), Error);
  carts.contents.clear();
  q.address->country = "DE";
  try {
    service.quote(q);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "cart_empty");
  }
}

TEST_F(OrderServiceTest, ASavedAddressIsUsedOnlyByItsOwner) {
  auto in = input();
  in.address.reset();
  in.addressId = "a1";
  const auto o = service.checkout(in).order;
  EXPECT_EQ(o.shippingAddress.city, "Paris");
  EXPECT_EQ(o.tax, 0);  // FR is not in the rates: the default, 0

  auto stranger = input("k2");
  stranger.address.reset();
  stranger.addressId = "a1";
  stranger.cart.userId = "u2";
  try {
    service.checkout(stranger);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "addressId");
  }
}

}  // namespace
}  // namespace um::order

#include "services/order/domain/order_service.hpp"

#include <algorithm>
#include <cctype>

#include "adapters/sql/database.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "services/order/domain/idempotency.hpp"
#include "services/order/domain/status_machine.hpp"

namespace um::order {

namespace {

using S = OrderStatus;

constexpr int kChangeAttempts = 5;
constexpr const char* kFulfil = "fulfil";
constexpr const char* kCancel = "cancel";
// Refunded in full before it shipped: the sold units go back on sale.
constexpr const char* kRestock = "restock";

bool isConflict(const Error& e, const char* code) {
  return e.kind() == ErrorKind::kConflict && e.code() == code;
}

// One line per variant: a cart may hold one variant on two lines.
std::vector<product::ReserveLine> reserveLines(const std::vector<OrderLine>& items) {
  std::vector<product::ReserveLine> out;
  for (const auto& l : items) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const product::ReserveLine& r) { return r.variantId == l.variantId; });
    if (it == out.end()) {
      out.push_back({l.variantId, l.quantity});
    } else {
      it->quantity += l.quantity;
    }
  }
  return out;
}

std::string yyMMdd(const std::string& rfc3339) {
  // "2025-11-25T…" → "251125"
  return rfc3339.substr(2, 2) + rfc3339.substr(5, 2) + rfc3339.substr(8, 2);
}

}  // namespace

void validateAddress(const ShippingAddress& a) {
  auto required = [](const std::string& v, const char* field) {
    if (v.empty()) throw Error::validation(std::string("shippingAddress.") + field, std::string(field) + " is required");
  };
  required(a.name, "name");
  required(a.line1, "line1");
  required(a.city, "city");
  validateCountry(a.country);
}

void validateCountry(const std::string& c) {
  const bool ok = c.size() == 2 && std::isupper(static_cast<unsigned char>(c[0])) &&
                  std::isupper(static_cast<unsigned char>(c[1]));
  if (!ok) {
    throw Error::validation("shippingAddress.country", "country must be an ISO 3166-1 alpha-2 code like US");
  }
}

OrderService::OrderService(OrderServiceDeps deps, OrderServiceOptions options)
    : deps_(std::move(deps)), options_(std::move(options)) {}

std::string OrderService::now() const { return formatRfc3339(deps_.clock.now()); }

Order OrderService::require(const std::string& orderId) {
  auto o = deps_.store.find(orderId);
  if (!o) throw Error::notFound("order");
  return *o;
}

nlohmann::json OrderService::eventPayload(const Order& o, OrderStatus status) const {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : o.items) {
    items.push_back({{"productId", l.productId}, {"variantId", l.variantId}, {"sku", l.sku},
                     {"name", l.name}, {"quantity", l.quantity}, {"unitPrice", l.unitPrice}});
  }
  return {{"orderId", o.id},
          {"number", o.number},
          {"userId", o.userId ? nlohmann::json(*o.userId) : nlohmann::json(nullptr)},
          {"email", o.email},
          {"status", toString(status)},
          {"previousStatus", toString(o.status)},
          {"currency", o.currency},
          {"subtotal", o.subtotal},
          {"shipping", o.shipping},
          {"tax", o.tax},
          {"total", o.total},
          {"refunded", o.refunded},
          {"reservationId", o.reservationId},
          {"paymentProvider", o.payment.provider},
          {"items", items}};
}

// ---------------------------------------------------------------------------------------
// Checkout

CheckoutResult OrderService::checkout(const CheckoutInput& in) {
  if (!isValidIdempotencyKey(in.idempotencyKey)) {
    throw Error::validation("Idempotency-Key", "1 to 255 printable ASCII characters");
  }
  // Everything that can be refused without touching stock is checked first.
  std::string email;
  if (in.email) {
    email = *in.email;
  } else if (in.cart.userId) {
    email = deps_.customers.email(*in.cart.userId).value_or("");
  }
  if (email.empty()) throw Error::validation("email", "an email is required for a guest checkout");
  const ShippingAddress address = resolveAddress(in.cart, in.address, in.addressId);
  validateAddress(address);
  deps_.payments().checkMethod(in.provider, in.method);

  const std::string scope = in.cart.userId ? "user:" + *in.cart.userId
                                           : "cart:" + in.cart.guestCartId.value_or("");
  const auto deadline = deps_.clock.now() + options_.replayWait;
  KeyClaim claim{scope, in.idempotencyKey, ""};
  for (;;) {
    const auto t = deps_.clock.now();
    const auto r = deps_.store.claimKey(scope, in.idempotencyKey, in.fingerprint, formatRfc3339(t),
                                        formatRfc3339(t - options_.abandonedClaimAfter));
    if (r.outcome == ClaimResult::Outcome::kClaimed) {
      claim.token = r.token;
      break;
    }
    if (r.outcome == ClaimResult::Outcome::kMismatch) {
      throw Error::conflict("idempotency_key_reused",
                            "this Idempotency-Key was used with a different request");
    }
    if (r.outcome == ClaimResult::Outcome::kCompleted) {
      Order existing = require(*r.orderId);
      // The first request died between storing the order and creating its payment: the
      // replay, which carries the payment method again, finishes the job.
      if (existing.status == S::kPendingPayment && existing.payment.status == "none") {
        existing = pay(existing, in.method);
      }
      return {existing, false};
    }
    if (t > deadline) {
      throw Error::conflict("idempotency_key_in_use",
                            "a request with this Idempotency-Key is still being processed");
    }
    deps_.sleep(std::chrono::milliseconds(25));
  }

  Order order;
  try {
    order = buildOrder(in, email, address);
  } catch (...) {
    deps_.store.releaseKey(claim);  // nothing was made: the key may be used again
    throw;
  }
  try {
    insertWithNumber(order, claim);
  } catch (...) {
    try {
      deps_.catalog().release(order.reservationId);
    } catch (const std::exception& e) {
      // It expires on its own; the sweeper in the catalog gives the stock back.
      log::warn("reservation release failed", {{"reservationId", order.reservationId}, {"error", e.what()}});
    }
    try {
      deps_.store.releaseKey(claim);
    } catch (...) {
    }
    throw;
  }
  log::info("order created", {{"orderId", order.id}, {"number", order.number},
                              {"total", order.total}, {"provider", order.payment.provider}});
  return {pay(order, in.method), true};
}

ShippingAddress OrderService::resolveAddress(const CartRef& cart,
                                             const std::optional<ShippingAddress>& inline_,
                                             const std::optional<std::string>& addressId) {
  if (inline_) return *inline_;
  if (addressId && cart.userId) {
    // Another buyer's address id reads as unknown: ids are not to be probed.
    auto found = deps_.customers.address(*cart.userId, *addressId);
    if (!found) throw Error::validation("addressId", "no such address in your address book");
    return *found;
  }
  if (addressId) throw Error::validation("addressId", "sign in to use a saved address");
  throw Error::validation("shippingAddress", "a shippingAddress (or, signed in, an addressId) is required");
}

Quote OrderService::quote(const QuoteInput& in) {
  const ShippingAddress address = resolveAddress(in.cart, in.address, in.addressId);
  validateCountry(address.country);
  return priceCart(in.cart, address.country);
}

Quote OrderService::priceCart(const CartRef& cart, const std::string& country) {
  const auto lines = deps_.carts.lines(cart);
  if (lines.empty()) throw Error::conflict("cart_empty", "the cart is empty");

  std::vector<std::string> variantIds;
  for (const auto& l : lines) variantIds.push_back(l.variantId);
  const auto priced = deps_.catalog().variants(variantIds);

  Quote q;
  for (const auto& line : lines) {
    const product::PricedVariant* v = nullptr;
    for (const auto& p : priced) {
      if (p.variantId == line.variantId) v = &p;
    }
    if (!v || !v->purchasable) {
      throw Error::conflict("product_unavailable", "an item in the cart is no longer for sale");
    }
    if (q.currency.empty()) q.currency = v->currency;
    if (v->currency != q.currency) {
      throw Error::conflict("mixed_currencies", "the cart mixes currencies");
    }
    OrderLine l;
    l.productId = v->productId;
    l.variantId = v->variantId;
    l.sku = v->sku;
    l.name = v->variantName.empty() || v->variantName == v->productName
                 ? v->productName
                 : v->productName + " — " + v->variantName;
    l.unitPrice = v->unitPrice;  // today's price, never the cart's snapshot
    l.quantity = line.quantity;
    q.items.push_back(std::move(l));
  }
  q.totals = priceOrder(options_.pricing, q.items, country);
  q.taxRate = taxRateFor(options_.pricing, country);
  return q;
}

Order OrderService::buildOrder(const CheckoutInput& in, const std::string& email,
                               const ShippingAddress& address) {
  Quote q = priceCart(in.cart, address.country);
  Order o;
  o.id = newId();
  o.currency = q.currency;
  o.items = std::move(q.items);
  o.subtotal = q.totals.subtotal;
  o.shipping = q.totals.shipping;
  o.tax = q.totals.tax;
  o.total = q.totals.total;
  if (o.total <= 0) throw Error::conflict("order_total_zero", "there is nothing to pay for");
  auto& catalog = deps_.catalog();

  // All or nothing; 409 insufficient_stock leaves nothing held.
  o.reservationId = catalog.reserve(reserveLines(o.items), options_.reservationTtl, o.id);

  const auto t = deps_.clock.now();
  o.userId = in.cart.userId;
  o.cartId = in.cart.guestCartId;  // what the request named, so the same cart is emptied
  o.email = email;
  o.status = S::kPendingPayment;
  o.shippingAddress = address;
  o.payment.provider = in.provider;
  o.payment.status = "none";
  o.expiresAt = formatRfc3339(t + options_.reservationTtl);
  o.createdAt = o.updatedAt = formatRfc3339(t);
  o.statusHistory.push_back({S::kPendingPayment, o.createdAt, std::nullopt});
  return o;
}

void OrderService::insertWithNumber(Order& order, const KeyClaim& claim) {
  for (int attempt = 0;; ++attempt) {
    order.number = newOrderNumber(yyMMdd(order.createdAt));
    try {
      deps_.store.create(order, claim, eventPayload(order, order.status));
      return;
    } catch (const sql::UniqueViolation&) {
      // A number drawn twice in a day (one in a billion per pair): draw again.
      if (attempt >= 3) throw;
    }
  }
}

Order OrderService::pay(Order order, const payment::PaymentMethod& method) {
  payment::CreatePayment request{order.id, order.number, order.total, order.currency,
                                 order.payment.provider, order.email, method};
  payment::PaymentState state;
  try {
    state = deps_.payments().create(request);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kUnavailable) throw;
    // The provider could not be reached. Whatever it did, the order will not be paid this
    // way: cancel it (its payment is voided, or refunded if it was captured after all).
    log::warn("payment creation failed; cancelling the order",
              {{"orderId", order.id}, {"error", e.what()}});
    try {
      cancelInternal(order.id, "payment provider unavailable");
    } catch (const std::exception& inner) {
      log::warn("order cancellation deferred", {{"orderId", order.id}, {"error", inner.what()}});
    }
    throw;
  }
  return applyPaymentState(order, state);
}

Order OrderService::applyPaymentState(const Order& order, const payment::PaymentState& s) {
  if (s.status == "succeeded" && order.status == S::kPendingPayment) {
    // The common case, paid at once: the order in hand is the one just stored, so the paid
    // change and its owed work need no re-reading (fewer round trips per checkout). The
    // change itself records the payment's status and id.
    if (auto paid = markPaid(order, s.id)) return *paid;
    paymentSucceeded(order.id, s.id);  // moved on meanwhile: the general path sorts it out
    return require(order.id);
  }
  deps_.store.setPayment(order.id, {s.provider, s.status, s.id, s.clientSecret, s.approvalUrl}, now());
  if (s.status == "succeeded") paymentSucceeded(order.id, s.id);
  if (s.status == "failed") paymentFailed(order.id, s.failureCode.value_or("payment_failed"));
  return require(order.id);
}

// Unlike the other changes, the owed work comes first here and the change records it done:
// one write of the order instead of a change and then clearing its effect, on the path
// every checkout takes. Nothing is lost if the process dies in between: the payment's
// success is stored (payment.succeeded, from the payment service's outbox), and handling it
// comes back here, where the work finds itself done (each call is idempotent). Work that
// cannot be done now is recorded as owed with the change, as everywhere else.
std::optional<Order> OrderService::markPaid(const Order& o, const std::string& paymentId) {
  bool fulfilled = false;
  try {
    if (!fulfil(o)) return std::nullopt;  // not honoured: cancelled instead, re-read
    fulfilled = true;
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kUnavailable && e.kind() != ErrorKind::kInternal) {
      log::error("fulfilment refused; the order is paid without it",
                 {{"orderId", o.id}, {"code", e.code()}, {"error", e.what()}});
      fulfilled = true;  // a refusal does not change by retrying (see runEffect)
    } else {
      log::warn("order fulfilment deferred", {{"orderId", o.id}, {"error", e.what()}});
    }
  } catch (const std::exception& e) {
    log::warn("order fulfilment deferred", {{"orderId", o.id}, {"error", e.what()}});
  }

  OrderChange c;
  c.orderId = o.id;
  c.expected = S::kPendingPayment;
  c.status = S::kPaid;
  c.at = now();
  if (!fulfilled) c.pendingEffect = kFulfil;  // the order.paid event and the sweeper retry it
  c.paymentStatus = "succeeded";
  c.paymentId = paymentId;
  c.eventType = "order.paid";
  c.eventPayload = eventPayload(o, S::kPaid);
  c.eventPayload["paymentId"] = paymentId;
  if (deps_.store.apply(c) != ChangeResult::kApplied) return std::nullopt;
  log::info("order paid", {{"orderId", o.id}, {"number", o.number}, {"total", o.total}});

  Order paid = o;
  paid.status = S::kPaid;
  paid.updatedAt = c.at;
  paid.statusHistory.push_back({S::kPaid, c.at, std::nullopt});
  paid.payment.status = "succeeded";
  paid.payment.paymentId = paymentId;
  paid.pendingEffect = c.pendingEffect;
  return paid;
}

// ---------------------------------------------------------------------------------------
// Reading

Order OrderService::get(const std::string& orderId, const Viewer& viewer) {
  auto o = deps_.store.find(orderId);
  // Someone else's order is answered like a missing one: ids are not to be probed.
  const bool visible =
      o && (viewer.admin || (viewer.userId && o->userId == viewer.userId) ||
            (!o->userId && viewer.guestCartId && o->cartId == viewer.guestCartId));
  if (!visible) throw Error::notFound("order");
  return *o;
}

OrderPage OrderService::list(const OrderFilter& filter) { return deps_.store.list(filter); }

// ---------------------------------------------------------------------------------------
// Status changes

Order OrderService::cancel(const std::string& orderId, const Viewer& viewer) {
  get(orderId, viewer);  // visibility
  return cancelInternal(orderId, viewer.admin ? "cancelled by an admin" : "cancelled by the customer");
}

Order OrderService::cancelInternal(const std::string& orderId, const std::string& note) {
  for (int attempt = 0; attempt < kChangeAttempts; ++attempt) {
    const Order o = require(orderId);
    requireTransition(o.status, S::kCancelled);
    OrderChange c;
    c.orderId = o.id;
    c.expected = o.status;
    c.status = S::kCancelled;
    c.at = now();
    c.note = note;
    c.pendingEffect = kCancel;
    c.eventType = "order.cancelled";
    c.eventPayload = eventPayload(o, S::kCancelled);
    c.eventPayload["reason"] = note;
    c.eventPayload["wasPaid"] = o.status == S::kPaid;
    if (deps_.store.apply(c) == ChangeResult::kApplied) {
      log::info("order cancelled", {{"orderId", o.id}, {"from", toString(o.status)}, {"reason", note}});
      try {
        runPendingEffect(o.id);
      } catch (const std::exception& e) {
        log::warn("order cancellation effects deferred", {{"orderId", o.id}, {"error", e.what()}});
      }
      return require(o.id);
    }
  }
  throw Error::unavailable("order_busy", "the order kept changing; try again");
}

Order OrderService::ship(const std::string& orderId, const Shipment& shipment) {
  for (int attempt = 0; attempt < kChangeAttempts; ++attempt) {
    const Order o = require(orderId);
    requireTransition(o.status, S::kShipped);
    OrderChange c;
    c.orderId = o.id;
    c.expected = o.status;
    c.status = S::kShipped;
    c.at = now();
    c.shipment = shipment;
    c.note = shipment.carrier + " " + shipment.trackingNumber;
    c.eventType = "order.shipped";
    c.eventPayload = eventPayload(o, S::kShipped);
    c.eventPayload["carrier"] = shipment.carrier;
    c.eventPayload["trackingNumber"] = shipment.trackingNumber;
    if (deps_.store.apply(c) == ChangeResult::kApplied) return require(o.id);
  }
  throw Error::unavailable("order_busy", "the order kept changing; try again");
}

Order OrderService::deliver(const std::string& orderId) {
  for (int attempt = 0; attempt < kChangeAttempts; ++attempt) {
    const Order o = require(orderId);
    requireTransition(o.status, S::kDelivered);
    OrderChange c;
    c.orderId = o.id;
    c.expected = o.status;
    c.status = S::kDelivered;
    c.at = now();
    c.eventType = "order.delivered";
    c.eventPayload = eventPayload(o, S::kDelivered);
    if (deps_.store.apply(c) == ChangeResult::kApplied) return require(o.id);
  }
  throw Error::unavailable("order_busy", "the order kept changing; try again");
}

Order OrderService::refund(const std::string& orderId, std::optional<std::int64_t> amount,
                           const std::string& key) {
  const Order o = require(orderId);
  if (!isRefundable(o.status)) {
    throw Error::conflict("invalid_transition",
                          "an order cannot be refunded while " + toString(o.status));
  }
  const std::int64_t remaining = o.total - o.refunded;
  const std::int64_t value = amount.value_or(remaining);
  if (value <= 0 || value > remaining) {
    throw Error::validation("amount", "the amount must be between 1 and " + std::to_string(remaining));
  }
  const auto outcome = deps_.payments().refund(orderId, value, key);
  if (outcome.status == "succeeded") {
    paymentRefunded(orderId, outcome.refundId, outcome.amount, outcome.payment.status);
  } else {
    deps_.store.setPaymentStatus(orderId, "refund_pending");
  }
  return require(orderId);
}

// ---------------------------------------------------------------------------------------
// Payment outcomes

void OrderService::paymentSucceeded(const std::string& orderId, const std::string& paymentId) {
  for (int attempt = 0; attempt < kChangeAttempts; ++attempt) {
    auto summary = deps_.store.findSummary(orderId);
    if (!summary) {
      log::warn("payment for an unknown order", {{"orderId", orderId}, {"paymentId", paymentId}});
      return;
    }
    if (summary->status == S::kCancelled) {
      // Money captured for an order that is gone: it goes back (idempotent).
      deps_.payments().cancel(orderId);
      settleEffect(orderId);
      return;
    }
    if (summary->status != S::kPendingPayment) {
      // Recorded already, maybe by the event racing this call: make sure its owed work is
      // done before our caller answers (the buyer then sees an empty cart).
      if (summary->pendingEffect) settleEffect(orderId);
      return;
    }
    const Order o = require(orderId);  // the lines, for the event
    if (o.status != S::kPendingPayment) continue;  // the checks above decide
    if (markPaid(o, paymentId)) return;
  }
  throw Error::unavailable("order_busy", "the order kept changing");
}

void OrderService::paymentFailed(const std::string& orderId, const std::string& failureCode) {
  auto o = deps_.store.findSummary(orderId);
  if (!o) return;
  if (o->status == S::kPendingPayment) {
    deps_.store.setPaymentStatus(orderId, "failed");
    try {
      cancelInternal(orderId, "payment failed: " + failureCode);
    } catch (const Error& e) {
      // Cancelled meanwhile by the event racing this call, or paid by a retry that worked.
      if (!isConflict(e, "invalid_transition")) throw;
    }
  }
  // Whoever recorded the cancellation, its owed work is done before our caller answers
  // (the buyer then sees the stock back).
  settleEffect(orderId);
}

void OrderService::settleEffect(const std::string& orderId) {
  try {
    runPendingEffect(orderId);
  } catch (const std::exception& e) {
    log::warn("order effects deferred", {{"orderId", orderId}, {"error", e.what()}});
  }
}

void OrderService::paymentCancelled(const std::string& orderId) {
  auto o = deps_.store.findSummary(orderId);
  if (!o) return;
  if (o->status == S::kPendingPayment) {
    cancelInternal(orderId, "payment cancelled");
  } else if (o->status == S::kCancelled && o->payment.status != "refunded") {
    deps_.store.setPaymentStatus(orderId, "cancelled");
  }
}

void OrderService::paymentRefunded(const std::string& orderId, const std::string& refundId,
                                   std::int64_t amount, const std::string& paymentStatus) {
  for (int attempt = 0; attempt < kChangeAttempts; ++attempt) {
    auto found = deps_.store.find(orderId);
    if (!found) return;
    const Order& o = *found;
    OrderChange c;
    c.orderId = o.id;
    c.expected = o.status;
    c.at = now();
    c.refund = RefundRecord{refundId, amount};
    c.paymentStatus = paymentStatus;
    const std::int64_t refunded = std::min(o.total, o.refunded + amount);
    if (o.status == S::kCancelled || o.status == S::kPendingPayment || o.status == S::kRefunded) {
      // The money of an order that is gone (or is refunded in full already) came back: the
      // status stays, the amounts and the payment's status follow.
      c.status = o.status;
      c.recordHistory = false;
    } else {
      c.status = refunded >= o.total ? S::kRefunded : S::kPartiallyRefunded;
      requireTransition(o.status, c.status);
      // Refunded in full while the goods are still here: like a cancel, they go back on sale.
      // Once shipped they are with the buyer; a return is restocked by hand.
      if (c.status == S::kRefunded && !o.shipment &&
          (o.status == S::kPaid || o.status == S::kPartiallyRefunded)) {
        c.pendingEffect = kRestock;
      }
    }
    if (o.refunded + amount > o.total) c.refund->amount = o.total - o.refunded;
    c.note = "refund " + std::to_string(amount) + " " + o.currency;
    c.eventType = "order.refunded";
    Order after = o;
    after.refunded = refunded;
    c.eventPayload = eventPayload(after, c.status);
    c.eventPayload["refundId"] = refundId;
    c.eventPayload["amount"] = amount;
    switch (deps_.store.apply(c)) {
      case ChangeResult::kApplied:
        log::info("order refunded", {{"orderId", o.id}, {"amount", amount},
                                     {"status", toString(c.status)}});
        if (c.pendingEffect) settleEffect(o.id);
        return;
      case ChangeResult::kDuplicateRefund:
        return;
      case ChangeResult::kStale:
        break;
    }
  }
  throw Error::unavailable("order_busy", "the order kept changing");
}

// ---------------------------------------------------------------------------------------
// Owed work

void OrderService::runPendingEffect(const std::string& orderId) {
  auto o = deps_.store.findSummary(orderId);
  if (!o || !o->pendingEffect) return;
  o = deps_.store.find(orderId);  // with its lines, which fulfilling needs
  if (!o || !o->pendingEffect) return;
  runEffect(*o, *o->pendingEffect);
}

bool OrderService::runEffect(const Order& o, const std::string& effect) {
  try {
    if (effect == kRestock) {
      deps_.catalog().restock(o.reservationId);
    } else if (effect == kFulfil && o.status != S::kCancelled) {
      // Not honoured (the stock was gone): the cancel that replaced it owns the order now.
      if (!fulfil(o)) return false;
    } else if (effect == kCancel || o.status == S::kCancelled) {
      undo(o);
    }
  } catch (const Error& e) {
    // A peer or a store down (or our own bug) may pass: keep the work owed and retry. A
    // refusal (not found, conflict, validation) will not change by retrying: record it
    // loudly and stop, rather than retry it every few seconds forever.
    if (e.kind() == ErrorKind::kUnavailable || e.kind() == ErrorKind::kInternal) throw;
    log::error("owed order work refused; giving up on it",
               {{"orderId", o.id}, {"effect", effect}, {"code", e.code()}, {"error", e.what()}});
  }
  deps_.store.clearEffect(o.id, effect);
  return true;
}

bool OrderService::fulfil(const Order& o) {
  auto& catalog = deps_.catalog();
  try {
    catalog.commit(o.reservationId);
  } catch (const Error& e) {
    if (!isConflict(e, "reservation_released")) throw;
    // Paid after the hold ran out and the stock went back on sale. Hold it again if it is
    // still there; if not, the order cannot be honoured and the buyer gets the money back.
    // Not for an order cancelled meanwhile (this work may be a late retry): its units are
    // back on sale and stay there.
    if (const auto now = deps_.store.findSummary(o.id); !now || now->status == S::kCancelled) {
      return false;
    }
    try {
      const auto fresh = catalog.reserve(reserveLines(o.items), std::chrono::seconds(60), o.id);
      // Recorded before it is committed: a retry of this work then commits (or finds
      // committed) this hold instead of taking the stock a third time, and a later cancel
      // restocks this one. A crash before the record leaves the fresh hold to expire.
      if (!deps_.store.replaceReservation(o.id, o.reservationId, fresh)) {
        catalog.release(fresh);  // a concurrent run recorded its own: it owns the work
        throw Error::unavailable("order_busy", "the order's reservation changed meanwhile");
      }
      catalog.commit(fresh);
    } catch (const Error& again) {
      if (!isConflict(again, "insufficient_stock")) throw;
      log::warn("paid order lost its stock; cancelling with a refund", {{"orderId", o.id}});
      cancelInternal(o.id, "stock no longer available");
      return false;
    }
  }
  // Only the units this order bought: what the shopper added since checkout stays.
  std::vector<CartLine> bought;
  for (const auto& l : o.items) bought.push_back({l.productId, l.variantId, l.quantity});
  deps_.carts.removeOrdered({o.userId, o.cartId}, o.id, bought);
  return true;
}

void OrderService::undo(const Order& o) {
  auto& catalog = deps_.catalog();
  try {
    catalog.release(o.reservationId);
  } catch (const Error& e) {
    if (isConflict(e, "reservation_committed")) {
      // The order was paid and its units sold: the cancel puts them back on sale. The
      // catalog moves a reservation to restocked once, so a retry of this owed work, or the
      // order.cancelled event redelivered, adds nothing more.
      catalog.restock(o.reservationId);
    } else if (e.kind() != ErrorKind::kNotFound) {  // unknown: nothing to give back
      throw;
    }
  }
  if (auto state = deps_.payments().cancel(o.id)) {
    deps_.store.setPaymentStatus(o.id, state->status);
  }
}

int OrderService::cancelExpired() {
  int n = 0;
  for (const auto& id : deps_.store.expiredUnpaid(now(), 100)) {
    try {
      cancelInternal(id, "not paid in time");
      ++n;
    } catch (const Error& e) {
      if (!isConflict(e, "invalid_transition")) {
        log::warn("expiring an unpaid order failed", {{"orderId", id}, {"error", e.what()}});
      }
    }
  }
  return n;
}

int OrderService::retryStalledEffects() {
  int n = 0;
  const auto before = formatRfc3339(deps_.clock.now() - options_.effectRetryAfter);
  for (const auto& id : deps_.store.stalledEffects(before, 100)) {
    try {
      runPendingEffect(id);
      ++n;
    } catch (const std::exception& e) {
      log::warn("order effects still failing", {{"orderId", id}, {"error", e.what()}});
    }
  }
  return n;
}

}  // namespace um::order

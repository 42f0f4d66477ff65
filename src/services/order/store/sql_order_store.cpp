#include "services/order/store/sql_order_store.hpp"

#include <map>

#include "adapters/bus/outbox.hpp"
#include "core/ids.hpp"

namespace um::order {

namespace {

constexpr const char* kOrderColumns =
    "id, number, user_id, cart_id, email, status, currency, subtotal, shipping, tax, total, "
    "refunded, shipping_address, payment_provider, payment_status, payment_id, client_secret, "
    "approval_url, reservation_id, expires_at, carrier, tracking_number, pending_effect, created_at, "
    "updated_at";

sql::Value optional(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return *v;
}

nlohmann::json addressJson(const ShippingAddress& a) {
  auto opt = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"name", a.name},     {"line1", a.line1},           {"line2", opt(a.line2)},
          {"city", a.city},     {"region", opt(a.region)},    {"postalCode", opt(a.postalCode)},
          {"country", a.country}, {"phone", opt(a.phone)}};
}

ShippingAddress addressFrom(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  auto opt = [&](const char* key) -> std::optional<std::string> {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<std::string>();
  };
  ShippingAddress a;
  a.name = j.value("name", "");
  a.line1 = j.value("line1", "");
  a.line2 = opt("line2");
  a.city = j.value("city", "");
  a.region = opt("region");
  a.postalCode = opt("postalCode");
  a.country = j.value("country", "");
  a.phone = opt("phone");
  return a;
}

OrderStatus statusFrom(const std::string& s) {
  auto status = parseOrderStatus(s);
  if (!status) throw sql::StatementError("unknown order status " + s);
  return *status;
}

Order orderFrom(const sql::Row& r) {
  Order o;
  o.id = r.get<std::string>("id");
  o.number = r.get<std::string>("number");
  o.userId = r.get<std::optional<std::string>>("user_id");
  o.cartId = r.get<std::optional<std::string>>("cart_id");
  o.email = r.get<std::string>("email");
  o.status = statusFrom(r.get<std::string>("status"));
  o.currency = r.get<std::string>("currency");
  o.subtotal = r.get<std::int64_t>("subtotal");
  o.shipping = r.get<std::int64_t>("shipping");
  o.tax = r.get<std::int64_t>("tax");
  o.total = r.get<std::int64_t>("total");
  o.refunded = r.get<std::int64_t>("refunded");
  o.shippingAddress = addressFrom(r.get<std::string>("shipping_address"));
  o.payment.provider = r.get<std::string>("payment_provider");
  o.payment.status = r.get<std::string>("payment_status");
  o.payment.paymentId = r.get<std::optional<std::string>>("payment_id");
  o.payment.clientSecret = r.get<std::optional<std::string>>("client_secret");
  o.payment.approvalUrl = r.get<std::optional<std::string>>("approval_url");
  o.reservationId = r.get<std::string>("reservation_id");
  o.expiresAt = r.get<std::string>("expires_at");
  const auto carrier = r.get<std::optional<std::string>>("carrier");
  if (carrier) {
    o.shipment = Shipment{*carrier, r.get<std::optional<std::string>>("tracking_number").value_or("")};
  }
  o.pendingEffect = r.get<std::optional<std::string>>("pending_effect");
  o.createdAt = r.get<std::string>("created_at");
  o.updatedAt = r.get<std::string>("updated_at");
  return o;
}

void appendHistory(sql::Transaction& tx, const std::string& orderId, OrderStatus status,
                   const std::string& at, const std::optional<std::string>& note) {
  // The order's row was just written in this transaction, so on PostgreSQL it is locked and
  // no other transaction computes the same seq.
  tx.enqueue(
      "INSERT INTO order_status_history (order_id, seq, status, at, note) "
      "SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM order_status_history WHERE order_id = $1",
      {orderId, toString(status), at, optional(note)});
}

struct StaleChange {};

// The conditional change itself, marking the row with `token`.
sql::Statement statusUpdate(const OrderChange& c, const std::string& token) {
  return {"UPDATE orders SET status = $1, updated_at = $2, "
          "pending_effect = COALESCE($3, pending_effect), "
          "payment_status = COALESCE($4, payment_status), payment_id = COALESCE($5, payment_id), "
          "carrier = COALESCE($6, carrier), tracking_number = COALESCE($7, tracking_number), "
          "refunded = refunded + $8, change_token = $11 "
          "WHERE id = $9 AND status = $10",
          {toString(c.status), c.at, optional(c.pendingEffect), optional(c.paymentStatus),
           optional(c.paymentId),
           c.shipment ? sql::Value(c.shipment->carrier) : sql::Value(nullptr),
           c.shipment ? sql::Value(c.shipment->trackingNumber) : sql::Value(nullptr),
           c.refund ? c.refund->amount : std::int64_t{0}, c.orderId, toString(c.expected), token}};
}

}  // namespace

// A change without a refund record decides nothing before it commits: the update marks the
// order with a token of its own, and the history row and the event are inserted only where
// the order carries it. All of it goes with the COMMIT in one round trip; a change that
// finds the order moved on commits nothing.
ChangeResult SqlOrderStore::applyInOneTrip(const OrderChange& c) {
  const std::string token = newId();
  const std::string carriesToken = "SELECT 1 FROM orders WHERE id = $6 AND change_token = $7";
  const auto results = db_.transaction([&](sql::Transaction& tx) {
    std::vector<sql::Statement> statements{statusUpdate(c, token)};
    if (c.recordHistory) {
      statements.push_back(
          {"INSERT INTO order_status_history (order_id, seq, status, at, note) "
           "SELECT $1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM order_status_history "
           "WHERE order_id = $1), $2, $3, $4 "
           "WHERE EXISTS (SELECT 1 FROM orders WHERE id = $1 AND change_token = $5)",
           {c.orderId, toString(c.status), c.at, optional(c.note), token}});
    }
    if (!c.eventType.empty()) {
      statements.push_back(bus::Outbox::appendWhereExists(c.eventType, c.orderId, c.eventPayload,
                                                          carriesToken, {c.orderId, token}));
    }
    return tx.commitWith(std::move(statements));
  });
  return results.front().affectedRows == 1 ? ChangeResult::kApplied : ChangeResult::kStale;
}

ClaimResult SqlOrderStore::claimKey(const std::string& scope, const std::string& key,
                                    const std::string& fingerprint, const std::string& now,
                                    const std::string& staleBefore) {
  const std::string token = newId();
  // The primary key decides: of any number of concurrent requests, one INSERT wins.
  // Its commit does not wait for the WAL flush: it is visible to the others at once, and
  // nothing outside this database acts on it before the order is stored by create(), a
  // flushed commit in the same database whose flush covers this one. Should the database
  // server crash in between, the claim may be gone, but so is the request it belonged to:
  // it failed, held stock is released, and the key can be used again.
  const auto inserted = db_.transaction([&](sql::Transaction& tx) {
    tx.relaxDurability();
    return tx
        .commitWith({{"INSERT INTO idempotency_keys (scope, idem_key, fingerprint, claim_token, "
                      "claimed_at, created_at) VALUES ($1, $2, $3, $4, $5, $5) "
                      "ON CONFLICT (scope, idem_key) DO NOTHING",
                      {scope, key, fingerprint, token, now}}})
        .front()
        .affectedRows;
  });
  if (inserted == 1) return {ClaimResult::Outcome::kClaimed, std::nullopt, token};

  const auto r = db_.execute(
      "SELECT fingerprint, order_id, claim_token, claimed_at FROM idempotency_keys "
      "WHERE scope = $1 AND idem_key = $2",
      {scope, key});
  if (r.empty()) {
    // Released between our INSERT and SELECT: the caller simply tries again.
    return {ClaimResult::Outcome::kBusy, std::nullopt, ""};
  }
  const auto& row = r.one();
  if (row.get<std::string>("fingerprint") != fingerprint) {
    return {ClaimResult::Outcome::kMismatch, std::nullopt, ""};
  }
  if (auto orderId = row.get<std::optional<std::string>>("order_id")) {
    return {ClaimResult::Outcome::kCompleted, orderId, ""};
  }
  if (row.get<std::string>("claimed_at") < staleBefore) {
    // Its holder died mid-saga. Taking over is itself conditional on the old token, so two
    // requests cannot both take over.
    const auto took = db_.execute(
        "UPDATE idempotency_keys SET claim_token = $1, claimed_at = $2 "
        "WHERE scope = $3 AND idem_key = $4 AND claim_token = $5 AND order_id IS NULL",
        {token, now, scope, key, row.get<std::string>("claim_token")});
    if (took.affectedRows == 1) return {ClaimResult::Outcome::kClaimed, std::nullopt, token};
  }
  return {ClaimResult::Outcome::kBusy, std::nullopt, ""};
}

void SqlOrderStore::releaseKey(const KeyClaim& claim) {
  db_.execute(
      "DELETE FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND claim_token = $3 "
      "AND order_id IS NULL",
      {claim.scope, claim.key, claim.token});
}

void SqlOrderStore::create(const Order& o, const KeyClaim& claim, const nlohmann::json& event) {
  // One round trip: linking the key is what decides, and everything else is written only
  // where the key now names this order (or the order exists), so it all goes with the
  // COMMIT. If our claim was taken over, nothing is written and an empty transaction
  // commits. Numbers are cast: INSERT … SELECT does not give parameters its columns' types.
  std::vector<sql::Statement> statements{
      {"UPDATE idempotency_keys SET order_id = $1 "
       "WHERE scope = $2 AND idem_key = $3 AND claim_token = $4 AND order_id IS NULL",
       {o.id, claim.scope, claim.key, claim.token}},
      {"INSERT INTO orders (id, number, user_id, cart_id, email, status, currency, subtotal, "
       "shipping, tax, total, refunded, shipping_address, payment_provider, payment_status, "
       "reservation_id, expires_at, created_at, updated_at) "
       "SELECT $1, $2, $3, $4, $5, $6, $7, CAST($8 AS BIGINT), CAST($9 AS BIGINT), "
       "CAST($10 AS BIGINT), CAST($11 AS BIGINT), 0, $12, $13, $14, $15, $16, $17, $17 "
       "WHERE EXISTS (SELECT 1 FROM idempotency_keys "
       "WHERE scope = $18 AND idem_key = $19 AND order_id = $1)",
       {o.id, o.number, optional(o.userId), optional(o.cartId), o.email, toString(o.status),
        o.currency, o.subtotal, o.shipping, o.tax, o.total, addressJson(o.shippingAddress).dump(),
        o.payment.provider, o.payment.status, o.reservationId, o.expiresAt, o.createdAt,
        claim.scope, claim.key}}};
  const std::string orderExists = "EXISTS (SELECT 1 FROM orders WHERE id = $1)";
  for (std::size_t i = 0; i < o.items.size(); ++i) {
    const auto& l = o.items[i];
    statements.push_back(
        {"INSERT INTO order_items (order_id, position, product_id, variant_id, sku, name, "
         "unit_price, quantity, line_total) SELECT $1, CAST($2 AS BIGINT), $3, $4, $5, $6, "
         "CAST($7 AS BIGINT), CAST($8 AS BIGINT), CAST($9 AS BIGINT) WHERE " + orderExists,
         {o.id, static_cast<std::int64_t>(i), l.productId, l.variantId, l.sku, l.name, l.unitPrice,
          l.quantity, l.lineTotal}});
  }
  statements.push_back({"INSERT INTO order_status_history (order_id, seq, status, at, note) "
                        "SELECT $1, 1, $2, $3, NULL WHERE " + orderExists,
                        {o.id, toString(o.status), o.createdAt}});
  statements.push_back(bus::Outbox::appendWhereExists(
      "order.created", o.id, event, "SELECT 1 FROM orders WHERE id = $6", {o.id}));
  const auto linked = db_.transaction([&](sql::Transaction& tx) {
    return tx.commitWith(statements).front().affectedRows;
  });
  if (linked != 1) {
    throw Error::conflict("idempotency_key_in_use",
                          "another request with this Idempotency-Key took over");
  }
  wake_();
}

void SqlOrderStore::loadDetails(std::vector<Order>& orders) {
  if (orders.empty()) return;
  std::map<std::string, Order*> byId;
  sql::Params ids;
  std::string in;
  for (auto& o : orders) {
    byId[o.id] = &o;
    ids.push_back(o.id);
    in += (in.empty() ? "$" : ", $") + std::to_string(ids.size());
  }
  const auto items = db_.execute(
      "SELECT order_id, product_id, variant_id, sku, name, unit_price, quantity, line_total "
      "FROM order_items WHERE order_id IN (" + in + ") ORDER BY order_id, position",
      ids);
  for (const auto& r : items.rows) {
    OrderLine l;
    l.productId = r.get<std::string>("product_id");
    l.variantId = r.get<std::string>("variant_id");
    l.sku = r.get<std::string>("sku");
    l.name = r.get<std::string>("name");
    l.unitPrice = r.get<std::int64_t>("unit_price");
    l.quantity = r.get<std::int64_t>("quantity");
    l.lineTotal = r.get<std::int64_t>("line_total");
    byId.at(r.get<std::string>("order_id"))->items.push_back(std::move(l));
  }
  const auto history = db_.execute(
      "SELECT order_id, status, at, note FROM order_status_history WHERE order_id IN (" + in +
          ") ORDER BY order_id, seq",
      ids);
  for (const auto& r : history.rows) {
    byId.at(r.get<std::string>("order_id"))
        ->statusHistory.push_back({statusFrom(r.get<std::string>("status")), r.get<std::string>("at"),
                                   r.get<std::optional<std::string>>("note")});
  }
}

std::optional<Order> SqlOrderStore::find(const std::string& orderId) {
  const auto r = db_.execute(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE id = $1",
                             {orderId});
  if (r.empty()) return std::nullopt;
  std::vector<Order> one{orderFrom(r.one())};
  loadDetails(one);
  return std::move(one.front());
}

std::optional<Order> SqlOrderStore::findSummary(const std::string& orderId) {
  const auto r = db_.execute(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE id = $1",
                             {orderId});
  if (r.empty()) return std::nullopt;
  return orderFrom(r.one());
}

OrderPage SqlOrderStore::list(const OrderFilter& f) {
  std::string where = "1 = 1";
  sql::Params params;
  auto bind = [&params](sql::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (f.userId) where += " AND user_id = " + bind(*f.userId);
  if (f.status) where += " AND status = " + bind(toString(*f.status));
  if (f.query && !f.query->empty()) {
    // Exact on ids and numbers (case-insensitive), prefix on emails: what support types.
    const std::string q = *f.query;
    std::string upper = q, lower = q;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string escaped;
    for (char c : lower) {
      if (c == '%' || c == '_' || c == '\\') escaped += '\\';
      escaped += c;
    }
    where += " AND (id = " + bind(q) + " OR number = " + bind(upper) + " OR LOWER(email) LIKE " +
             bind(escaped + "%") + " ESCAPE '\\')";
  }
  const sql::Params countParams = params;
  const std::string countWhere = where;
  if (f.beforeId) where += " AND id < " + bind(*f.beforeId);
  const std::string limit = bind(static_cast<std::int64_t>(f.limit + 1));
  const auto r = db_.execute(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE " + where +
                                 " ORDER BY id DESC LIMIT " + limit,
                             params);
  OrderPage page;
  for (const auto& row : r.rows) page.items.push_back(orderFrom(row));
  if (static_cast<int>(page.items.size()) > f.limit) {
    page.items.resize(static_cast<std::size_t>(f.limit));
    page.nextCursor = page.items.back().id;
  }
  loadDetails(page.items);
  page.total = db_.execute("SELECT COUNT(*) FROM orders WHERE " + countWhere, countParams)
                   .one()
                   .get<std::int64_t>(0);
  return page;
}

ChangeResult SqlOrderStore::apply(const OrderChange& c) {
  if (!c.refund) {
    const auto result = applyInOneTrip(c);
    if (result == ChangeResult::kApplied && !c.eventType.empty()) wake_();
    return result;
  }
  // A refund is recorded first and decides whether the change happens at all (a refund
  // seen before changes nothing), so this one reads an answer before it commits.
  try {
    const auto result = db_.transaction([&](sql::Transaction& tx) {
      const auto ins = tx.execute(
          "INSERT INTO order_refunds (refund_id, order_id, amount, at) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (refund_id) DO NOTHING",
          {c.refund->refundId, c.orderId, c.refund->amount, c.at});
      if (ins.affectedRows != 1) return ChangeResult::kDuplicateRefund;
      const auto update = statusUpdate(c, newId());
      const auto r = tx.execute(update.sql, update.params);
      // Throwing rolls the refund record back with it, so a retry can apply it.
      if (r.affectedRows != 1) throw StaleChange{};
      if (c.recordHistory) appendHistory(tx, c.orderId, c.status, c.at, c.note);
      if (!c.eventType.empty()) bus::Outbox::append(tx, c.eventType, c.orderId, c.eventPayload);
      return ChangeResult::kApplied;
    });
    if (result == ChangeResult::kApplied && !c.eventType.empty()) wake_();
    return result;
  } catch (const StaleChange&) {
    return ChangeResult::kStale;
  }
}

void SqlOrderStore::setPayment(const std::string& orderId, const PaymentSummary& p,
                               const std::string& at) {
  // Only while unpaid: a late copy of "pending" must not overwrite what a payment event
  // recorded with the order's own change.
  db_.execute(
      "UPDATE orders SET payment_status = $1, payment_id = COALESCE($2, payment_id), "
      "client_secret = $3, approval_url = $4, updated_at = $5 "
      "WHERE id = $6 AND status = 'pending_payment'",
      {p.status, optional(p.paymentId), optional(p.clientSecret), optional(p.approvalUrl), at,
       orderId});
}

void SqlOrderStore::setPaymentStatus(const std::string& orderId, const std::string& status) {
  db_.execute("UPDATE orders SET payment_status = $1 WHERE id = $2", {status, orderId});
}

void SqlOrderStore::clearEffect(const std::string& orderId, const std::string& effect) {
  db_.execute("UPDATE orders SET pending_effect = NULL WHERE id = $1 AND pending_effect = $2",
              {orderId, effect});
}

bool SqlOrderStore::replaceReservation(const std::string& orderId, const std::string& from,
                                       const std::string& to) {
  return db_.execute("UPDATE orders SET reservation_id = $3 WHERE id = $1 AND reservation_id = $2",
                     {orderId, from, to})
             .affectedRows == 1;
}

std::vector<std::string> SqlOrderStore::expiredUnpaid(const std::string& now, int limit) {
  const auto r = db_.execute(
      "SELECT id FROM orders WHERE status = 'pending_payment' AND expires_at < $1 "
      "ORDER BY expires_at LIMIT $2",
      {now, static_cast<std::int64_t>(limit)});
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(row.get<std::string>(0));
  return out;
}

std::vector<std::string> SqlOrderStore::stalledEffects(const std::string& before, int limit) {
  const auto r = db_.execute(
      "SELECT id FROM orders WHERE pending_effect IS NOT NULL AND updated_at < $1 "
      "ORDER BY updated_at LIMIT $2",
      {before, static_cast<std::int64_t>(limit)});
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(row.get<std::string>(0));
  return out;
}

}  // namespace um::order

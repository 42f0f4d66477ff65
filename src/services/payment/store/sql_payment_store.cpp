#include "services/payment/store/sql_payment_store.hpp"

#include "adapters/bus/consumer.hpp"
#include "adapters/bus/outbox.hpp"
#include "core/ids.hpp"

namespace um::payment {

namespace {

constexpr const char* kPaymentColumns =
    "id, order_id, order_number, provider, status, amount, currency, refunded, refund_reserved, "
    "email, idempotency_key, provider_payment_id, stripe_payment_method, card_last4, "
    "client_secret, approval_url, capture_id, failure_code, failure_message, cancel_requested, "
    "created_at, updated_at";

constexpr const char* kRefundColumns =
    "id, payment_id, idempotency_key, amount, status, provider_refund_id, created_at, updated_at";

sql::Value optional(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return *v;
}

Payment paymentFrom(const sql::Row& r) {
  Payment p;
  p.id = r.get<std::string>("id");
  p.orderId = r.get<std::string>("order_id");
  p.orderNumber = r.get<std::string>("order_number");
  p.provider = r.get<std::string>("provider");
  p.status = parsePaymentStatus(r.get<std::string>("status"));
  p.amount = r.get<std::int64_t>("amount");
  p.currency = r.get<std::string>("currency");
  p.refunded = r.get<std::int64_t>("refunded");
  p.refundReserved = r.get<std::int64_t>("refund_reserved");
  p.email = r.get<std::string>("email");
  p.idempotencyKey = r.get<std::string>("idempotency_key");
  p.providerPaymentId = r.get<std::optional<std::string>>("provider_payment_id");
  p.stripePaymentMethod = r.get<std::optional<std::string>>("stripe_payment_method");
  p.cardLast4 = r.get<std::optional<std::string>>("card_last4");
  p.clientSecret = r.get<std::optional<std::string>>("client_secret");
  p.approvalUrl = r.get<std::optional<std::string>>("approval_url");
  p.captureId = r.get<std::optional<std::string>>("capture_id");
  p.failureCode = r.get<std::optional<std::string>>("failure_code");
  p.failureMessage = r.get<std::optional<std::string>>("failure_message");
  p.cancelRequested = r.get<std::int64_t>("cancel_requested") != 0;
  p.createdAt = r.get<std::string>("created_at");
  p.updatedAt = r.get<std::string>("updated_at");
  return p;
}

RefundStatus refundStatusFrom(const std::string& s) {
  if (s == "succeeded") return RefundStatus::kSucceeded;
  if (s == "failed") return RefundStatus::kFailed;
  return RefundStatus::kPending;
}

Refund refundFrom(const sql::Row& r) {
  Refund x;
  x.id = r.get<std::string>("id");
  x.paymentId = r.get<std::string>("payment_id");
  x.idempotencyKey = r.get<std::string>("idempotency_key");
  x.amount = r.get<std::int64_t>("amount");
  x.status = refundStatusFrom(r.get<std::string>("status"));
  x.providerRefundId = r.get<std::optional<std::string>>("provider_refund_id");
  x.createdAt = r.get<std::string>("created_at");
  x.updatedAt = r.get<std::string>("updated_at");
  return x;
}

// The payment's refunded total and status after `amount` more was refunded, with its event.
void addRefunded(sql::Transaction& tx, const std::string& paymentId, const std::string& refundId,
                 std::int64_t amount, const std::string& at) {
  tx.execute(
      "UPDATE payments SET refunded = refunded + $1, "
      "status = CASE WHEN refunded + $1 >= amount THEN 'refunded' ELSE 'partially_refunded' END, "
      "updated_at = $2 WHERE id = $3",
      {amount, at, paymentId});
  const auto row = tx.execute(std::string("SELECT ") + kPaymentColumns + " FROM payments WHERE id = $1",
                              {paymentId})
                       .one();
  const auto p = paymentFrom(row);
  bus::Outbox::append(tx, "payment.refunded", p.id,
                      {{"paymentId", p.id},
                       {"orderId", p.orderId},
                       {"provider", p.provider},
                       {"refundId", refundId},
                       {"amount", amount},
                       {"refunded", p.refunded},
                       {"paymentAmount", p.amount},
                       {"currency", p.currency},
                       {"status", toString(p.status)}});
}

std::string webhookConsumer(const std::string& provider) { return "webhook:" + provider; }

}  // namespace

bool SqlPaymentStore::insert(const Payment& p) {
  const auto r = db_.execute(
      "INSERT INTO payments (id, order_id, order_number, provider, status, amount, currency, "
      "email, idempotency_key, stripe_payment_method, card_last4, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) "
      "ON CONFLICT (order_id) DO NOTHING",
      {p.id, p.orderId, p.orderNumber, p.provider, toString(p.status), p.amount, p.currency,
       p.email, p.idempotencyKey, optional(p.stripePaymentMethod), optional(p.cardLast4),
       p.createdAt});
  return r.affectedRows == 1;
}

std::optional<Payment> SqlPaymentStore::findWhere(const std::string& where, const sql::Params& params) {
  const auto r = db_.execute(std::string("SELECT ") + kPaymentColumns + " FROM payments WHERE " + where,
                             params);
  if (r.empty()) return std::nullopt;
  return paymentFrom(r.rows.front());
}

std::optional<Payment> SqlPaymentStore::find(const std::string& id) {
  return findWhere("id = $1", {id});
}

std::optional<Payment> SqlPaymentStore::findByOrder(const std::string& orderId) {
  return findWhere("order_id = $1", {orderId});
}

std::optional<Payment> SqlPaymentStore::findByProviderId(const std::string& provider,
                                                         const std::string& providerPaymentId) {
  return findWhere("provider = $1 AND provider_payment_id = $2", {provider, providerPaymentId});
}

std::vector<Payment> SqlPaymentStore::list(const std::optional<std::string>& orderId,
                                          const std::optional<std::string>& beforeId, int limit) {
  std::string where = "1 = 1";
  sql::Params params;
  if (orderId) {
    params.push_back(*orderId);
    where += " AND order_id = $" + std::to_string(params.size());
  }
  if (beforeId) {
    params.push_back(*beforeId);
    where += " AND id < $" + std::to_string(params.size());
  }
  params.push_back(static_cast<std::int64_t>(limit));
  const auto r = db_.execute(std::string("SELECT ") + kPaymentColumns + " FROM payments WHERE " +
                                 where + " ORDER BY id DESC LIMIT $" + std::to_string(params.size()),
                             params);
  std::vector<Payment> out;
  for (const auto& row : r.rows) out.push_back(paymentFrom(row));
  return out;
}

std::int64_t SqlPaymentStore::count(const std::optional<std::string>& orderId) {
  const auto r = orderId ? db_.execute("SELECT COUNT(*) FROM payments WHERE order_id = $1", {*orderId})
                         : db_.execute("SELECT COUNT(*) FROM payments");
  return r.one().get<std::int64_t>(0);
}

void SqlPaymentStore::recordProviderObject(const std::string& paymentId,
                                           const std::string& providerPaymentId,
                                           const std::optional<std::string>& clientSecret,
                                           const std::optional<std::string>& approvalUrl,
                                           const std::string& at) {
  db_.execute(
      "UPDATE payments SET provider_payment_id = $1, client_secret = $2, approval_url = $3, "
      "updated_at = $4 WHERE id = $5",
      {providerPaymentId, optional(clientSecret), optional(approvalUrl), at, paymentId});
}

std::optional<Payment> SqlPaymentStore::changeStatus(const StatusChange& c) {
  // The change marks the row with a token of its own and its event is inserted only where
  // the row carries it, so both go with the COMMIT in one round trip; a change that does
  // not apply commits nothing.
  const std::string token = newId();
  std::string in;
  sql::Params params{toString(c.to), c.at, optional(c.captureId), optional(c.cardLast4),
                     optional(c.failureCode), optional(c.failureMessage),
                     optional(c.providerPaymentId), c.paymentId, token};
  for (const auto& s : c.from) {
    params.emplace_back(std::in_place_type<std::string>, toString(s));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  // RETURNING: the caller needs the payment after the change (was a cancel asked for
  // meanwhile?), and reading it back would be one more round trip per checkout.
  std::vector<sql::Statement> statements{
      {"UPDATE payments SET status = $1, updated_at = $2, "
       "capture_id = COALESCE($3, capture_id), card_last4 = COALESCE($4, card_last4), "
       "failure_code = $5, failure_message = $6, "
       "provider_payment_id = COALESCE($7, provider_payment_id), change_token = $9 "
       "WHERE id = $8 AND status IN (" + in + ") RETURNING " + kPaymentColumns,
       std::move(params)}};
  if (c.event) {
    statements.push_back(bus::Outbox::appendWhereExists(
        c.event->type, c.paymentId, c.event->payload,
        "SELECT 1 FROM payments WHERE id = $6 AND change_token = $7", {c.paymentId, token}));
  }
  auto changed = db_.transaction([&](sql::Transaction& tx) -> std::optional<Payment> {
    const auto results = tx.commitWith(statements);
    if (results.front().empty()) return std::nullopt;
    return paymentFrom(results.front().one());
  });
  if (changed && c.event) wake_();
  return changed;
}

void SqlPaymentStore::requestCancel(const std::string& paymentId, const std::string& at) {
  db_.execute("UPDATE payments SET cancel_requested = 1, updated_at = $1 WHERE id = $2",
              {at, paymentId});
}

std::vector<Payment> SqlPaymentStore::stalePending(const std::string& before, int limit) {
  const auto r = db_.execute(std::string("SELECT ") + kPaymentColumns +
                                 " FROM payments WHERE status = 'pending' AND updated_at < $1 "
                                 "ORDER BY updated_at LIMIT $2",
                             {before, static_cast<std::int64_t>(limit)});
  std::vector<Payment> out;
  for (const auto& row : r.rows) out.push_back(paymentFrom(row));
  return out;
}

PaymentStore::ReserveOutcome SqlPaymentStore::reserveRefund(const Refund& refund, Refund& existing) {
  struct Abort {
    ReserveOutcome outcome;
  };
  // The same key again returns the first refund (an admin's retried click, two paths
  // asking for the cancellation refund).
  if (auto found = findRefundWhere("idempotency_key = $1", {refund.idempotencyKey})) {
    existing = *found;
    return ReserveOutcome::kExisting;
  }
  try {
    db_.transaction([&](sql::Transaction& tx) {
      // The refund's key first: of two requests with one key (two paths asking for the
      // cancellation refund at once), the second waits for the first and then finds it.
      const auto ins = tx.execute(
          "INSERT INTO refunds (id, payment_id, idempotency_key, amount, status, created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, 'pending', $5, $5) "
          "ON CONFLICT (idempotency_key) DO NOTHING",
          {refund.id, refund.paymentId, refund.idempotencyKey, refund.amount, refund.createdAt});
      if (ins.affectedRows != 1) throw Abort{ReserveOutcome::kExisting};
      const auto r = tx.execute(
          "UPDATE payments SET refund_reserved = refund_reserved + $1 "
          "WHERE id = $2 AND status IN ('succeeded', 'partially_refunded') "
          "AND refund_reserved + $1 <= amount",
          {refund.amount, refund.paymentId});
      if (r.affectedRows != 1) {
        const auto s = tx.execute("SELECT status FROM payments WHERE id = $1", {refund.paymentId});
        const auto status = s.empty() ? std::string() : s.one().get<std::string>(0);
        throw Abort{status == "succeeded" || status == "partially_refunded" || status == "refunded"
                        ? ReserveOutcome::kExceeds
                        : ReserveOutcome::kNotCaptured};
      }
    });
  } catch (const Abort& a) {
    if (a.outcome == ReserveOutcome::kExisting) {
      if (auto found = findRefundWhere("idempotency_key = $1", {refund.idempotencyKey})) {
        existing = *found;
      }
    }
    return a.outcome;
  }
  return ReserveOutcome::kReserved;
}

bool SqlPaymentStore::completeRefund(const RefundCompletion& c) {
  const bool done = db_.transaction([&](sql::Transaction& tx) {
    const auto r = tx.execute(
        "UPDATE refunds SET status = $1, provider_refund_id = COALESCE($2, provider_refund_id), "
        "updated_at = $3 WHERE id = $4 AND status = 'pending' RETURNING payment_id, amount",
        {c.succeeded ? "succeeded" : "failed", optional(c.providerRefundId), c.at, c.refundId});
    if (r.empty()) return false;
    const auto paymentId = r.one().get<std::string>("payment_id");
    const auto amount = r.one().get<std::int64_t>("amount");
    if (c.succeeded) {
      addRefunded(tx, paymentId, c.refundId, amount, c.at);
    } else {
      tx.execute("UPDATE payments SET refund_reserved = refund_reserved - $1, updated_at = $2 "
                 "WHERE id = $3",
                 {amount, c.at, paymentId});
    }
    return true;
  });
  if (done && c.succeeded) wake_();
  return done;
}

void SqlPaymentStore::recordProviderRefundId(const std::string& refundId,
                                             const std::string& providerRefundId,
                                             const std::string& at) {
  db_.execute("UPDATE refunds SET provider_refund_id = $1, updated_at = $2 WHERE id = $3",
              {providerRefundId, at, refundId});
}

bool SqlPaymentStore::recordExternalRefund(const Refund& refund) {
  struct Abort {};
  try {
    const bool recorded = db_.transaction([&](sql::Transaction& tx) {
      const auto ins = tx.execute(
          "INSERT INTO refunds (id, payment_id, idempotency_key, amount, status, "
          "provider_refund_id, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, 'succeeded', $5, $6, $6) ON CONFLICT DO NOTHING",
          {refund.id, refund.paymentId, refund.idempotencyKey, refund.amount,
           optional(refund.providerRefundId), refund.createdAt});
      if (ins.affectedRows != 1) return false;
      const auto r = tx.execute(
          "UPDATE payments SET refund_reserved = refund_reserved + $1 "
          "WHERE id = $2 AND refund_reserved + $1 <= amount",
          {refund.amount, refund.paymentId});
      if (r.affectedRows != 1) throw Abort{};  // more than was paid: not ours to believe
      addRefunded(tx, refund.paymentId, refund.id, refund.amount, refund.createdAt);
      return true;
    });
    if (recorded) wake_();
    return recorded;
  } catch (const Abort&) {
    return false;
  }
}

std::optional<Refund> SqlPaymentStore::findRefundWhere(const std::string& where,
                                                       const sql::Params& params) {
  const auto r = db_.execute(std::string("SELECT ") + kRefundColumns + " FROM refunds WHERE " + where,
                             params);
  if (r.empty()) return std::nullopt;
  return refundFrom(r.rows.front());
}

std::optional<Refund> SqlPaymentStore::findRefund(const std::string& refundId) {
  return findRefundWhere("id = $1", {refundId});
}

std::optional<Refund> SqlPaymentStore::findRefundByKey(const std::string& idempotencyKey) {
  return findRefundWhere("idempotency_key = $1", {idempotencyKey});
}

std::optional<Refund> SqlPaymentStore::findRefundByProviderId(const std::string& providerRefundId) {
  return findRefundWhere("provider_refund_id = $1", {providerRefundId});
}

std::vector<Refund> SqlPaymentStore::refundsOf(const std::string& paymentId) {
  const auto r = db_.execute(std::string("SELECT ") + kRefundColumns +
                                 " FROM refunds WHERE payment_id = $1 ORDER BY created_at, id",
                             {paymentId});
  std::vector<Refund> out;
  for (const auto& row : r.rows) out.push_back(refundFrom(row));
  return out;
}

std::vector<Refund> SqlPaymentStore::stalePendingRefunds(const std::string& before, int limit) {
  const auto r = db_.execute(std::string("SELECT ") + kRefundColumns +
                                 " FROM refunds WHERE status = 'pending' AND updated_at < $1 "
                                 "ORDER BY updated_at LIMIT $2",
                             {before, static_cast<std::int64_t>(limit)});
  std::vector<Refund> out;
  for (const auto& row : r.rows) out.push_back(refundFrom(row));
  return out;
}

bool SqlPaymentStore::webhookSeen(const std::string& provider, const std::string& eventId) {
  return !db_.execute("SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2",
                      {webhookConsumer(provider), eventId})
              .empty();
}

void SqlPaymentStore::recordWebhook(const std::string& provider, const std::string& eventId) {
  db_.transaction(
      [&](sql::Transaction& tx) { bus::markProcessed(tx, webhookConsumer(provider), eventId); });
}

}  // namespace um::payment

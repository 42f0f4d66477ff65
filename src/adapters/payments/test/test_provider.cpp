#include "adapters/payments/test/test_provider.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace um::payment {

namespace {

ProviderStatus statusFrom(const std::string& s) {
  if (s == "succeeded") return ProviderStatus::kSucceeded;
  if (s == "failed") return ProviderStatus::kFailed;
  if (s == "cancelled") return ProviderStatus::kCancelled;
  return ProviderStatus::kRequiresAction;
}

constexpr const char* kIntentColumns = "id, status, card_last4, decline_code";

ProviderPayment fromRow(const sql::Row& row) {
  ProviderPayment p;
  p.id = row.get<std::string>("id");
  p.status = statusFrom(row.get<std::string>("status"));
  p.cardLast4 = row.get<std::optional<std::string>>("card_last4");
  p.failureCode = row.get<std::optional<std::string>>("decline_code");
  if (p.failureCode) p.failureMessage = "the test card was declined (" + *p.failureCode + ")";
  p.clientSecret = p.id + "_secret";
  return p;
}

ProviderPayment read(sql::Database& db, const std::string& where, const std::string& value) {
  const auto r = db.execute(std::string("SELECT ") + kIntentColumns +
                                " FROM test_provider_intents WHERE " + where,
                            {value});
  if (r.empty()) throw Error::notFound("test payment");
  return fromRow(r.one());
}

std::string now() { return formatRfc3339(systemClock().now()); }

}  // namespace

bool isPlausibleCardNumber(const std::string& number) {
  if (number.size() < 12 || number.size() > 19) return false;
  if (!std::all_of(number.begin(), number.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  int sum = 0;
  bool twice = false;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::optional<std::string> testCardDecline(const std::string& number) {
  if (number == "4000000000000002") return "card_declined";
  if (number == "4000000000009995") return "insufficient_funds";
  if (number == "4000000000000069") return "expired_card";
  return std::nullopt;
}

void TestProvider::validate(const ChargeSpec& spec) const {
  if (spec.stripePaymentMethod) {
    throw Error::validation("paymentMethod.stripePaymentMethod", "the test provider takes a testCard");
  }
  if (!spec.testCard) throw Error::validation("paymentMethod.testCard", "a test card number is required");
  if (!isPlausibleCardNumber(*spec.testCard)) {
    // Never echo the number back, not even in an error.
    throw Error::validation("paymentMethod.testCard", "not a valid card number");
  }
}

ProviderPayment TestProvider::create(const ChargeSpec& spec) {
  // RETURNING answers the usual case in one round trip; a repeated key returns no row and
  // the first object is read instead.
  const auto made = db_.execute(
      std::string("INSERT INTO test_provider_intents (id, idempotency_key, amount, currency, status, "
                  "created_at) VALUES ($1, $2, $3, $4, 'requires_confirmation', $5) "
                  "ON CONFLICT (idempotency_key) DO NOTHING RETURNING ") + kIntentColumns,
      {"test_pi_" + newId(), spec.idempotencyKey, spec.amount, spec.currency, now()});
  if (!made.empty()) return fromRow(made.one());
  return read(db_, "idempotency_key = $1", spec.idempotencyKey);
}

ProviderPayment TestProvider::confirm(const std::string& id, const ChargeSpec& spec) {
  validate(spec);
  const auto decline = testCardDecline(*spec.testCard);
  const std::string last4 = spec.testCard->substr(spec.testCard->size() - 4);
  // Only a payment still waiting is charged: a confirm repeated after a timeout or a
  // crash finds the first outcome, as Stripe's idempotency keys give.
  const auto charged = db_.execute(
      std::string("UPDATE test_provider_intents SET status = $1, card_last4 = $2, decline_code = $3, "
                  "confirmations = confirmations + 1 WHERE id = $4 AND status = 'requires_confirmation' "
                  "RETURNING ") + kIntentColumns,
      {decline ? "failed" : "succeeded", last4, decline ? sql::Value(*decline) : sql::Value(nullptr), id});
  if (!charged.empty()) return fromRow(charged.one());
  return read(db_, "id = $1", id);
}

std::optional<ProviderPayment> TestProvider::createConfirmed(const ChargeSpec& create,
                                                            const ChargeSpec& confirm) {
  validate(confirm);
  const auto decline = testCardDecline(*confirm.testCard);
  const std::string last4 = confirm.testCard->substr(confirm.testCard->size() - 4);
  // Born charged, in one statement. A key seen before returns the first object: charged
  // already, or made by a create() alone and still waiting, which is then confirmed.
  const sql::Statement insert{
      std::string("INSERT INTO test_provider_intents (id, idempotency_key, amount, currency, status, "
                  "card_last4, decline_code, confirmations, created_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8) "
                  "ON CONFLICT (idempotency_key) DO NOTHING RETURNING ") + kIntentColumns,
      {"test_pi_" + newId(), create.idempotencyKey, create.amount, create.currency,
       decline ? "failed" : "succeeded", last4,
       decline ? sql::Value(*decline) : sql::Value(nullptr), now()}};
  const auto made = db_.transaction([&](sql::Transaction& tx) {
    // The ledger stands in for the provider's own system, which moves no money here. The
    // payment service records the outcome next, a flushed commit on the same server whose
    // flush covers this one (one WAL stream), so this commit does not wait for its own. If
    // the process dies in between and then the server too, the reconciler's create() makes
    // an uncharged object again: nothing was charged that is not known.
    tx.relaxDurability();
    return tx.commitWith({insert}).front();
  });
  if (!made.empty()) return fromRow(made.one());
  const auto first = read(db_, "idempotency_key = $1", create.idempotencyKey);
  if (first.status != ProviderStatus::kRequiresAction) return first;
  return this->confirm(first.id, confirm);
}

ProviderPayment TestProvider::retrieve(const std::string& id) { return read(db_, "id = $1", id); }

ProviderPayment TestProvider::capture(const std::string& id, const std::string&) {
  return retrieve(id);
}

ProviderPayment TestProvider::cancel(const std::string& id, const std::string&) {
  db_.execute("UPDATE test_provider_intents SET status = 'cancelled' "
              "WHERE id = $1 AND status = 'requires_confirmation'",
              {id});
  return read(db_, "id = $1", id);
}

ProviderRefund TestProvider::refund(const RefundSpec& spec) {
  struct Refused {};
  const std::string refundId = "test_re_" + newId();
  try {
    db_.transaction([&](sql::Transaction& tx) {
      const auto ins = tx.execute(
          "INSERT INTO test_provider_refunds (id, idempotency_key, intent_id, amount, created_at) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING",
          {refundId, spec.idempotencyKey, spec.providerPaymentId, spec.amount, now()});
      if (ins.affectedRows != 1) return;  // a repeated request: the first refund stands
      const auto upd = tx.execute(
          "UPDATE test_provider_intents SET refunded = refunded + $1 "
          "WHERE id = $2 AND status = 'succeeded' AND refunded + $1 <= amount",
          {spec.amount, spec.providerPaymentId});
      if (upd.affectedRows != 1) throw Refused{};
    });
  } catch (const Refused&) {
    return {"", "failed", "charge_not_refundable"};
  }
  const auto r = db_.execute("SELECT id FROM test_provider_refunds WHERE idempotency_key = $1",
                             {spec.idempotencyKey});
  return {r.one().get<std::string>(0), "succeeded", std::nullopt};
}

WebhookEvent TestProvider::parseWebhook(const WebhookDelivery&) {
  throw Error(ErrorKind::kValidation, "invalid_signature", "the test provider sends no webhooks");
}

}  // namespace um::payment

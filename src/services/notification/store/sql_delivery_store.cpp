#include "services/notification/store/sql_delivery_store.hpp"

#include <algorithm>
#include <tuple>

#include "adapters/bus/consumer.hpp"

namespace um::notification {

namespace {

constexpr const char* kColumns =
    "id, event_id, event_type, user_id, channel, template, recipient, subject, text_body, "
    "html_body, sensitive, status, attempts, next_attempt_at, last_error, provider, created_at, "
    "updated_at, sent_at";

sql::Value optional(const std::optional<std::string>& v) {
  return v ? sql::Value(*v) : sql::Value(nullptr);
}

Delivery deliveryFrom(const sql::Row& r) {
  Delivery d;
  d.id = r.get<std::string>(0);
  d.eventId = r.get<std::string>(1);
  d.eventType = r.get<std::string>(2);
  d.userId = r.get<std::optional<std::string>>(3);
  d.channel = r.get<std::string>(4);
  d.templateName = r.get<std::string>(5);
  d.recipient = r.get<std::string>(6);
  d.subject = r.get<std::string>(7);
  d.textBody = r.get<std::string>(8);
  d.htmlBody = r.get<std::string>(9);
  d.sensitive = r.get<bool>(10);
  d.status = parseDeliveryStatus(r.get<std::string>(11)).value_or(DeliveryStatus::kQueued);
  d.attempts = r.get<int>(12);
  d.nextAttemptAt = r.get<std::string>(13);
  d.lastError = r.get<std::optional<std::string>>(14);
  d.provider = r.get<std::optional<std::string>>(15);
  d.createdAt = r.get<std::string>(16);
  d.updatedAt = r.get<std::string>(17);
  d.sentAt = r.get<std::optional<std::string>>(18);
  return d;
}

}  // namespace

bool SqlDeliveryStore::enqueue(const std::string& consumer, const std::string& eventId,
                               const std::vector<Delivery>& deliveries) {
  return db_.transaction([&](sql::Transaction& tx) {
    if (!bus::markProcessed(tx, consumer, eventId)) return false;
    for (const auto& d : deliveries) {
      // ON CONFLICT DO NOTHING: an event id recorded by an older process that purged its
      // processed_events must still not queue the same email twice.
      tx.enqueue(
          "INSERT INTO deliveries (id, event_id, event_type, user_id, channel, template, "
          "recipient, subject, text_body, html_body, sensitive, status, attempts, "
          "next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12, 0, $13, $14, $14) ON CONFLICT DO NOTHING",
          {d.id, d.eventId, d.eventType, optional(d.userId), d.channel, d.templateName, d.recipient,
           d.subject, d.textBody, d.htmlBody, d.sensitive, std::string(toString(d.status)),
           d.nextAttemptAt, d.createdAt});
    }
    return true;
  });
}

std::vector<Delivery> SqlDeliveryStore::claimDue(const std::string& now,
                                                 const std::string& claimUntil, int limit) {
  // One statement claims the whole batch (one commit, not one per delivery). The outer
  // conditions are checked again on each row as it is updated, so of two dispatchers that
  // picked the same rows, one wins each row; the rows come back in no order, hence the sort.
  const auto claimed = db_.execute(
      std::string(
          "UPDATE deliveries SET claimed_until = $1 WHERE id IN (SELECT id FROM deliveries "
          "WHERE status IN ('queued', 'failed') AND next_attempt_at <= $2 "
          "AND (claimed_until IS NULL OR claimed_until < $2) "
          "ORDER BY next_attempt_at, id LIMIT $3) "
          "AND status IN ('queued', 'failed') AND (claimed_until IS NULL OR claimed_until < $2) "
          "RETURNING ") +
          kColumns,
      {claimUntil, now, static_cast<std::int64_t>(limit)});
  std::vector<Delivery> out;
  out.reserve(claimed.rows.size());
  for (const auto& row : claimed.rows) out.push_back(deliveryFrom(row));
  std::sort(out.begin(), out.end(), [](const Delivery& a, const Delivery& b) {
    return std::tie(a.nextAttemptAt, a.id) < std::tie(b.nextAttemptAt, b.id);
  });
  return out;
}

void SqlDeliveryStore::record(const AttemptOutcome& o) {
  const bool sent = o.status == DeliveryStatus::kSent;
  std::string text =
      "UPDATE deliveries SET status = $1, attempts = $2, updated_at = $3, provider = $4, "
      "last_error = $5, claimed_until = NULL";
  sql::Params params{std::string(toString(o.status)), static_cast<std::int64_t>(o.attempts), o.at,
                     o.provider, optional(o.error)};
  if (sent) {
    params.push_back(o.at);
    text += ", sent_at = $" + std::to_string(params.size());
  }
  if (o.status == DeliveryStatus::kFailed) {
    params.push_back(o.nextAttemptAt);
    text += ", next_attempt_at = $" + std::to_string(params.size());
  }
  if (o.eraseBodies) {
    // The secret link is no longer needed once the delivery is over.
    text += ", text_body = '', html_body = ''";
  }
  params.push_back(o.deliveryId);
  text += " WHERE id = $" + std::to_string(params.size());
  db_.execute(text, params);
}

std::optional<Delivery> SqlDeliveryStore::requeue(const std::string& id, const std::string& now) {
  // Conditional, so a dispatcher's claim in flight or a sent delivery is never disturbed.
  const auto requeued = db_.execute(
      std::string("UPDATE deliveries SET status = 'queued', attempts = 0, next_attempt_at = $1, "
                  "updated_at = $1, claimed_until = NULL WHERE id = $2 AND status IN ('failed', 'dead') "
                  "AND (claimed_until IS NULL OR claimed_until < $1) AND text_body <> '' RETURNING ") +
          kColumns,
      {now, id});
  if (!requeued.empty()) return deliveryFrom(requeued.rows.front());
  return find(id);
}

DeliveryPage SqlDeliveryStore::list(const DeliveryFilter& f) {
  std::string where = " WHERE 1 = 1";
  sql::Params params;
  if (f.userId) {
    params.push_back(*f.userId);
    where += " AND user_id = $" + std::to_string(params.size());
  }
  if (f.status) {
    params.push_back(std::string(toString(*f.status)));
    where += " AND status = $" + std::to_string(params.size());
  }
  DeliveryPage page;
  page.total = db_.execute("SELECT COUNT(*) FROM deliveries" + where, params).one().get<std::int64_t>(0);

  sql::Params pageParams = params;
  std::string pageWhere = where;
  if (f.afterId) {
    pageParams.push_back(*f.afterId);
    pageWhere += " AND id < $" + std::to_string(pageParams.size());
  }
  // One more than asked: whether a next page exists without a second count.
  pageParams.push_back(f.limit + 1);
  const auto rows = db_.execute(std::string("SELECT ") + kColumns + " FROM deliveries" + pageWhere +
                                    " ORDER BY id DESC LIMIT $" + std::to_string(pageParams.size()),
                                pageParams);
  for (const auto& r : rows.rows) page.items.push_back(deliveryFrom(r));
  if (static_cast<std::int64_t>(page.items.size()) > f.limit) {
    page.items.pop_back();
    page.nextCursor = page.items.back().id;
  }
  return page;
}

std::optional<Delivery> SqlDeliveryStore::find(const std::string& id) {
  const auto r = db_.execute(std::string("SELECT ") + kColumns + " FROM deliveries WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return deliveryFrom(r.rows.front());
}

std::map<DeliveryStatus, std::int64_t> SqlDeliveryStore::countByStatus() {
  std::map<DeliveryStatus, std::int64_t> out{{DeliveryStatus::kQueued, 0},
                                             {DeliveryStatus::kSent, 0},
                                             {DeliveryStatus::kFailed, 0},
                                             {DeliveryStatus::kDead, 0}};
  for (const auto& r : db_.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status").rows) {
    if (auto s = parseDeliveryStatus(r.get<std::string>(0))) out[*s] = r.get<std::int64_t>(1);
  }
  return out;
}

}  // namespace um::notification

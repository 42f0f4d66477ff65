#include "services/notification/api/notification_routes.hpp"

#include <cctype>
#include <charconv>

#include "core/error.hpp"

namespace um::notification {

namespace {

constexpr std::int64_t kDefaultLimit = 20;
constexpr std::int64_t kMaxLimit = 100;

http::Json orNull(const std::optional<std::string>& v) {
  return v ? http::Json(*v) : http::Json(nullptr);
}

http::Json publicJson(const Delivery& d) {
  return {{"id", d.id},
          {"channel", d.channel},
          {"template", d.templateName},
          {"subject", d.subject},
          {"status", std::string(toString(d.status))},
          {"createdAt", d.createdAt},
          {"sentAt", orNull(d.sentAt)}};
}

// Operators also see where it went and why it failed; never the body (it may hold a link
// that signs someone in).
http::Json adminJson(const Delivery& d) {
  http::Json j = publicJson(d);
  j["recipient"] = d.recipient;
  j["userId"] = orNull(d.userId);
  j["eventType"] = d.eventType;
  j["eventId"] = d.eventId;
  j["attempts"] = d.attempts;
  j["nextAttemptAt"] = d.status == DeliveryStatus::kFailed || d.status == DeliveryStatus::kQueued
                           ? http::Json(d.nextAttemptAt)
                           : http::Json(nullptr);
  j["lastError"] = orNull(d.lastError);
  j["provider"] = orNull(d.provider);
  j["updatedAt"] = d.updatedAt;
  return j;
}

DeliveryFilter pagingFrom(const http::Request& req) {
  DeliveryFilter f;
  f.limit = kDefaultLimit;
  if (auto text = req.queryParam("limit")) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || p != text->data() + text->size() || v < 1 || v > kMaxLimit) {
      throw Error::validation("limit", "limit must be an integer from 1 to 100");
    }
    f.limit = v;
  }
  if (auto cursor = req.queryParam("cursor"); cursor && !cursor->empty()) {
    // Cursors are delivery ids (UUIDv7, time-ordered); anything else was not made by us.
    bool ok = cursor->size() <= 64;
    for (char c : *cursor) ok = ok && (std::isxdigit(static_cast<unsigned char>(c)) || c == '-');
    if (!ok) throw Error::validation("cursor", "cursor is not one this server returned");
    f.afterId = *cursor;
  }
  return f;
}

http::Json pageJson(const DeliveryPage& page, http::Json (*toJson)(const Delivery&)) {
  http::Json items = http::Json::array();
  for (const auto& d : page.items) items.push_back(toJson(d));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"nextCursor", orNull(page.nextCursor)}};
}

}  // namespace

void addNotificationRoutes(http::Router& router, std::shared_ptr<Notifier> notifier,
                           const http::Authenticator& authenticator) {
  const http::RouteOptions signedIn{{http::authenticate(authenticator), http::requireAuthenticated()}};
  const http::RouteOptions admin{{http::authenticate(authenticator), http::requireRole("admin")}};

  router.add(
      "GET", "/v2/notifications",
      [notifier](http::Request& req) {
        DeliveryFilter f = pagingFrom(req);
        f.userId = req.principal->userId;
        return http::Response::json(200, pageJson(notifier->list(f), &publicJson));
      },
      signedIn);

  router.add(
      "GET", "/v2/admin/notifications",
      [notifier](http::Request& req) {
        DeliveryFilter f = pagingFrom(req);
        if (auto status = req.queryParam("status"); status && !status->empty()) {
          f.status = parseDeliveryStatus(*status);
          if (!f.status) throw Error::validation("status", "status must be queued, sent, failed or dead");
        }
        return http::Response::json(200, pageJson(notifier->list(f), &adminJson));
      },
      admin);

  router.add(
      "POST", "/v2/admin/notifications/{id}/retry",
      [notifier](http::Request& req) {
        return http::Response::json(200, adminJson(notifier->retry(req.param("id"))));
      },
      admin);
}

}  // namespace um::notification

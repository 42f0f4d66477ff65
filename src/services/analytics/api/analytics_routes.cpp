#include "services/analytics/api/analytics_routes.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/http/json_fields.hpp"
#include "core/ids.hpp"
#include "services/analytics/domain/behaviour_event.hpp"

namespace um::analytics {

namespace {

Error featureDisabled(const std::string& what) {
  return {ErrorKind::kNotFound, "feature_disabled", what + " is turned off on this server"};
}

http::Json moneyJson(const Money& m) {
  return {{"amount", m.amount}, {"currency", m.currency}};
}

http::Json summaryJson(const Summary& s) {
  http::Json top = http::Json::array();
  for (const auto& p : s.topProducts) {
    top.push_back({{"productId", p.productId}, {"name", p.name}, {"units", p.units},
                   {"revenue", moneyJson(p.revenue)}});
  }
  http::Json series = http::Json::array();
  for (const auto& d : s.series) {
    series.push_back({{"date", d.date}, {"orders", d.orders}, {"revenue", moneyJson(d.revenue)}});
  }
  return {{"from", s.from},
          {"to", s.to},
          {"activeUsers", s.rates.activeUsers},
          {"orders", s.orders},
          {"revenue", moneyJson(s.revenue)},
          {"averageOrderValue", moneyJson(s.averageOrderValue)},
          {"orderCompletionRate", s.rates.orderCompletionRate},
          {"paymentSuccessRate", s.rates.paymentSuccessRate},
          {"cartAbandonmentRate", s.rates.cartAbandonmentRate},
          {"topProducts", std::move(top)},
          {"series", std::move(series)}};
}

BehaviourEvent behaviourEventFrom(const http::Request& req) {
  const auto body = req.jsonObject();
  const http::JsonFields fields(body, {"type", "sessionId", "productId", "properties"});
  BehaviourEvent e;
  e.type = fields.requiredString("type", 64);
  e.sessionId = fields.requiredString("sessionId", 128);
  e.productId = fields.optionalString("productId", 128);
  if (auto it = body.find("properties"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) throw Error::validation("properties", "properties must be an object");
    e.properties = *it;
  }
  if (req.principal) e.userId = req.principal->userId;
  validate(e);
  return e;
}

int limitFrom(const http::Request& req) {
  auto text = req.queryParam("limit");
  if (!text) return Recommender::kDefaultLimit;
  int v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v < 1 || v > Recommender::kMaxLimit) {
    throw Error::validation("limit", "limit must be an integer from 1 to " +
                                         std::to_string(Recommender::kMaxLimit));
  }
  return v;
}

}  // namespace

void addAnalyticsRoutes(http::Router& router, const AnalyticsRouteDeps& deps,
                        std::shared_ptr<void> keepAlive) {
  const http::RouteOptions optionalAuth{{http::authenticate(deps.authenticator)}};
  const http::RouteOptions admin{{http::authenticate(deps.authenticator), http::requireRole("admin")}};
  const AnalyticsRouteDeps d = deps;

  router.add(
      "POST", "/v2/analytics/events",
      [d, keepAlive](http::Request& req) {
        if (!d.analyticsEnabled || !d.events) throw featureDisabled("analytics");
        BehaviourEvent event = behaviourEventFrom(req);
        // Stored by the batch writer; the shopper's request ends here.
        if (!d.events->push(behaviourDocument(event, newId(), d.clock.now()))) {
          throw Error::unavailable("analytics_busy", "too many analytics events; try again shortly")
              .withRetryAfter(1);
        }
        return http::Response::json(202, {{"status", "accepted"}});
      },
      optionalAuth);

  router.add(
      "GET", "/v2/admin/analytics/summary",
      [d, keepAlive](http::Request& req) {
        if (!d.analyticsEnabled) throw featureDisabled("analytics");
        const TimeWindow window = windowFrom(req.queryParam("from"), req.queryParam("to"), d.clock.now());
        return http::Response::json(200, summaryJson(d.reader.summary(window)));
      },
      admin);

  // The product service owns /v2/products/{id}; this path has one segment more, so the two
  // never match the same request.
  router.add("GET", "/v2/products/{id}/recommendations", [d, keepAlive](http::Request& req) {
    if (!d.recommendationsEnabled) throw featureDisabled("recommendations");
    const int limit = limitFrom(req);
    http::Json items = http::Json::array();
    for (auto& p : d.recommender.recommend(req.param("id"), limit)) items.push_back(std::move(p));
    return http::Response::json(200, {{"items", std::move(items)}});
  });
}

}  // namespace um::analytics

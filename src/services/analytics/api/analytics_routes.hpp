#pragma once

// POST /v2/analytics/events, GET /v2/admin/analytics/summary and
// GET /v2/products/{id}/recommendations.

#include <functional>
#include <memory>

#include "core/clock.hpp"
#include "core/http/middleware.hpp"
#include "core/http/router.hpp"
#include "services/analytics/domain/batch_writer.hpp"
#include "services/analytics/domain/recommender.hpp"
#include "services/analytics/domain/summary.hpp"

namespace um::analytics {

struct AnalyticsRouteDeps {
  bool analyticsEnabled;
  bool recommendationsEnabled;
  BatchWriter* events;  // null when analytics is off
  AnalyticsReader& reader;
  Recommender& recommender;
  const Clock& clock;
  http::Authenticator authenticator;
};

// `keepAlive` is held by the handlers: the objects behind the references above.
void addAnalyticsRoutes(http::Router& router, const AnalyticsRouteDeps& deps,
                        std::shared_ptr<void> keepAlive);

}  // namespace um::analytics

#pragma once

#include "core/service_context.hpp"

namespace um::analytics {

// Wires the analytics service: the document store (embedded SQLite JSON; MongoDB with the
// production adapters), the event consumer, the batched behaviour-event writer, the summary
// and recommendation routes and the business gauges. FEATURE_ANALYTICS=false leaves out the
// ingestion, the summary and the gauges; FEATURE_RECOMMENDATIONS=false the recommendations.
void registerAnalyticsService(ServiceContext& ctx);

}  // namespace um::analytics

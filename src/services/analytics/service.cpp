#include "services/analytics/service.hpp"

#include <memory>

#include "adapters/bus/event_bus.hpp"
#include "adapters/docstore/sqlite/sqlite_document_store.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "services/analytics/api/analytics_routes.hpp"
#include "services/analytics/api/business_gauges.hpp"
#include "services/analytics/domain/batch_writer.hpp"
#include "services/analytics/domain/collections.hpp"
#include "services/analytics/domain/event_recorder.hpp"
#include "services/analytics/domain/recommender.hpp"
#include "services/analytics/domain/summary.hpp"
#include "services/product/client.hpp"

namespace um::analytics {

namespace {

// Every topic the platform publishes: analytics records all domain events.
const std::vector<std::string> kTopics = {"user", "auth", "product", "inventory", "cart", "order", "payment"};

std::unique_ptr<docstore::DocumentStore> openDocuments(const ServiceContext& ctx) {
  if (!ctx.config.mongodbUrl.empty()) {
    log::warn("MONGODB_URL is set but the MongoDB adapter is not built yet; analytics keeps its "
              "documents in the embedded store");
  }
  auto docs = docstore::openSqliteDocumentStore(ctx.dataDir, "analytics_documents");
  // The fields the summary and the recommendations filter and group by.
  docs->ensureIndex(collections::kEvents, {"at"});
  docs->ensureIndex(collections::kEvents, {"type", "at"});
  docs->ensureIndex(collections::kEvents, {"userId"});
  docs->ensureIndex(collections::kOrders, {"createdAt"});
  docs->ensureIndex(collections::kLedger, {"at"});
  docs->ensureIndex(collections::kCarts, {"at"});
  docs->ensureIndex(collections::kSales, {"at"});
  docs->ensureIndex(collections::kSales, {"productId"});
  docs->ensureIndex(collections::kCoPurchases, {"a"});
  docs->ensureIndex(collections::kProducts, {"slug"});
  docs->ensureIndex(collections::kProducts, {"categoryId"});
  return docs;
}

struct AnalyticsService {
  explicit AnalyticsService(ServiceContext& ctx)
      : analytics(ctx.config.features.analytics),
        recommendations(ctx.config.features.recommendations),
        docs(openDocuments(ctx)),
        reader(*docs),
        recommender(*docs,
                    [&clients = ctx.clients]() -> product::Client* {
                      return clients.has<product::Client>() ? &clients.get<product::Client>() : nullptr;
                    }),
        gauges(analytics ? std::make_unique<BusinessGauges>(ctx.metrics.registry(), reader, ctx.clock)
                         : nullptr),
        events(analytics ? std::make_unique<BatchWriter>(*docs, collections::kEvents, BatchOptions{},
                                                         [this] { touched(); })
                         : nullptr),
        recorder(*docs, {analytics, recommendations}, [this] { touched(); }) {}

  void touched() {
    if (gauges) gauges->touch();
  }

  bool analytics;
  bool recommendations;
  std::unique_ptr<docstore::DocumentStore> docs;
  AnalyticsReader reader;
  Recommender recommender;
  std::unique_ptr<BusinessGauges> gauges;
  std::unique_ptr<BatchWriter> events;
  EventRecorder recorder;
};

// Only what a retry can fix is thrown back to the bus (which then redelivers); anything
// else is logged and dropped, or one bad event would stop its producer's outbox.
void onEvent(EventRecorder& recorder, const bus::Event& event) {
  auto payload = nlohmann::json::parse(event.payload, nullptr, false);
  if (payload.is_discarded()) {
    log::error("analytics: unreadable event payload", {{"eventId", event.id}, {"type", event.type}});
    return;
  }
  try {
    recorder.record({event.id, event.type, event.aggregateId, event.occurredAt, std::move(payload)});
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::kUnavailable) throw;
    log::error("analytics: event not recorded",
               {{"eventId", event.id}, {"type", event.type}, {"code", e.code()}, {"error", e.what()}});
  } catch (const std::exception& e) {
    log::error("analytics: event not recorded",
               {{"eventId", event.id}, {"type", event.type}, {"error", e.what()}});
  }
}

}  // namespace

void registerAnalyticsService(ServiceContext& ctx) {
  auto service = std::make_shared<AnalyticsService>(ctx);
  if (!service->analytics) log::info("analytics ingestion is off (FEATURE_ANALYTICS=false)");

  addAnalyticsRoutes(ctx.router,
                     {service->analytics, service->recommendations, service->events.get(),
                      service->reader, service->recommender, ctx.clock, ctx.authenticator},
                     service);

  if (service->analytics || service->recommendations) {
    ctx.bus.subscribe("analytics", kTopics,
                      [service](const bus::Event& event) { onEvent(service->recorder, event); });
  }
  ctx.readiness.emplace_back("documents:analytics", [service] { service->docs->ping(); });

  ctx.lifecycle.onStart([service] {
    if (service->events) service->events->start();
    if (service->gauges) service->gauges->start();
  });
  ctx.lifecycle.onStop([service] {
    if (service->gauges) service->gauges->stop();
    if (service->events) service->events->stop();
  });
}

}  // namespace um::analytics

#include "services/product/service.hpp"

#include <memory>

#include "adapters/bus/event_bus.hpp"
#include "adapters/cache/cache.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "services/product/api/read_cache.hpp"
#include "services/product/api/routes.hpp"
#include "services/product/domain/catalog.hpp"
#include "services/product/domain/popularity.hpp"
#include "services/product/domain/reservation_sweeper.hpp"
#include "core/periodic_task.hpp"
#include "services/product/in_process_client.hpp"
#include "services/product/store/sql_catalog_store.hpp"

namespace um::product {

namespace {

constexpr std::chrono::milliseconds kSweepInterval{5000};
// How long a reservation's stock change may wait to reach the read models (search, other
// replicas' caches); this replica's own cache is invalidated at once.
constexpr std::chrono::milliseconds kStockEventInterval{200};

// Everything the routes and background work share; lives as long as the process.
struct ProductService {
  ProductService(ServiceContext& ctx)
      : images(ctx.config.cdnUrl),
        store(ctx.database, images),
        cache(ctx.cache, "product",
              {ctx.config.cacheTtl, ctx.config.cdnCacheTtl, ctx.config.cacheMaxSize}),
        catalog(store, ctx.clock, [this] { cache.invalidate(); }),
        sweeper(catalog, kSweepInterval),
        stockEvents("stock events", kStockEventInterval, [this] { catalog.publishStockChanges(); }) {}

  ImageUrls images;
  SqlCatalogStore store;
  ReadCache cache;
  Catalog catalog;
  ReservationSweeper sweeper;
  PeriodicTask stockEvents;
};

}  // namespace

void registerProductService(ServiceContext& ctx) {
  auto service = std::make_shared<ProductService>(ctx);

  const api::RouteDeps deps{service->catalog, service->cache, service->images};
  api::registerPublicRoutes(ctx.router, deps);
  api::registerAdminRoutes(ctx.router, deps, ctx.authenticator);

  ctx.clients.provide<Client>(std::make_shared<InProcessClient>(service->catalog, service->images));

  // Writes in this process invalidate at once (Catalog's onChange); the events cover
  // writes made elsewhere: another replica, or `ultramarket seed` against a running server.
  ctx.bus.subscribe("product-read-cache", {"product", "inventory"},
                    [service](const bus::Event&) { service->cache.invalidate(); });

  // Paid (and refunded-by-cancellation) orders move popularity; recorded once per event id.
  ctx.bus.subscribe(SqlCatalogStore::kPopularityConsumer, {"order"},
                    [service](const bus::Event& event) {
                      const auto payload = nlohmann::json::parse(event.payload, nullptr, false);
                      try {
                        if (payload.is_discarded()) {
                          throw Error::validation("payload", "not JSON");
                        }
                        service->catalog.recordSales(event.id,
                                                     popularityChange(event.type, payload));
                      } catch (const Error& e) {
                        if (e.kind() != ErrorKind::kValidation) throw;  // retried later
                        // A payload that never parses would be redelivered forever; skip it.
                        log::error("product: unreadable order event",
                                   {{"eventId", event.id}, {"type", event.type}});
                      }
                    });

  ctx.lifecycle.onStart([service] {
    service->sweeper.start();
    service->stockEvents.start();
  });
  ctx.lifecycle.onStop([service] {
    service->stockEvents.stop();
    service->sweeper.stop();
  });
}

}  // namespace um::product

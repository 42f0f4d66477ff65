#include "services/product/service.hpp"

#include <memory>

#include "adapters/bus/event_bus.hpp"
#include "adapters/cache/cache.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "services/product/api/read_cache.hpp"
#include "services/product/api/routes.hpp"
#include "services/product/domain/catalog.hpp"
#include "services/product/domain/reservation_sweeper.hpp"
#include "services/product/in_process_client.hpp"
#include "services/product/store/sql_catalog_store.hpp"

namespace um::product {

namespace {

constexpr std::chrono::milliseconds kSweepInterval{5000};

// Everything the routes and background work share; lives as long as the process.
struct ProductService {
  ProductService(ServiceContext& ctx)
      : images(ctx.config.cdnUrl),
        store(ctx.database, images),
        cache(ctx.cache, "product", ctx.config.cacheTtl, ctx.config.cdnCacheTtl),
        catalog(store, ctx.clock, [this] { cache.invalidate(); }),
        sweeper(catalog, kSweepInterval) {}

  ImageUrls images;
  SqlCatalogStore store;
  ReadCache cache;
  Catalog catalog;
  ReservationSweeper sweeper;
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

  ctx.lifecycle.onStart([service] { service->sweeper.start(); });
  ctx.lifecycle.onStop([service] { service->sweeper.stop(); });
}

}  // namespace um::product

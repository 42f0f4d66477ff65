#include "services/cart/service.hpp"

#include <memory>
#include <nlohmann/json.hpp>

#include "adapters/bus/event_bus.hpp"
#include "adapters/kv/sql/expiry_sweeper.hpp"
#include "adapters/kv/sql/sql_kv_store.hpp"
#include "core/ids.hpp"
#include "services/cart/api/cart_routes.hpp"
#include "services/cart/domain/cart_service.hpp"
#include "services/cart/domain/guest_cart_id.hpp"
#include "services/cart/in_process_client.hpp"
#include "services/cart/store/kv_cart_store.hpp"
#include "services/cart/store/outbox_cart_events.hpp"

namespace um::cart {

namespace {

// Expired guest carts read as missing at once; the sweep only reclaims their rows.
constexpr std::chrono::minutes kSweepInterval{10};

// Everything the routes, the client and the background work share; lives as long as the
// process. The embedded key-value adapter sits on the service's own store (Redis replaces
// it when the production adapter lands; only this function will change).
struct Components {
  explicit Components(ServiceContext& ctx)
      : kv(ctx.database, ctx.clock),
        sweeper(kv, kSweepInterval),
        store(kv),
        events(ctx.database),
        carts(
            store, events,
            [&clients = ctx.clients]() -> product::Client& {
              return clients.get<product::Client>();
            },
            ctx.clock, [] { return newId(); }, [] { return newGuestCartId(); }) {}

  kv::SqlKvStore kv;
  kv::ExpirySweeper sweeper;
  KvCartStore store;
  OutboxCartEvents events;
  CartService carts;
};

}  // namespace

void registerCartService(ServiceContext& ctx) {
  auto parts = std::make_shared<Components>(ctx);
  std::shared_ptr<CartService> carts(parts, &parts->carts);

  addCartRoutes(ctx.router, ctx.authenticator, carts);
  ctx.clients.provide<Client>(makeInProcessClient(carts));

  // Removing a key twice is harmless, so redelivery needs no de-duplication.
  ctx.bus.subscribe("cart", {"user"}, [carts](const bus::Event& event) {
    if (event.type != "user.deleted") return;
    carts->forgetUser(nlohmann::json::parse(event.payload).at("userId").get<std::string>());
  });

  ctx.lifecycle.onStart([parts] { parts->sweeper.start(); });
  ctx.lifecycle.onStop([parts] { parts->sweeper.stop(); });
}

}  // namespace um::cart

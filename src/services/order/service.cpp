#include "services/order/service.hpp"

#include <memory>
#include <thread>

#include "adapters/bus/event_bus.hpp"
#include "core/log.hpp"
#include "services/order/api/order_routes.hpp"
#include "services/order/domain/order_service.hpp"
#include "services/order/domain/order_sweeper.hpp"
#include "services/order/peer_adapters.hpp"
#include "services/order/store/sql_order_store.hpp"

namespace um::order {

namespace {

constexpr std::chrono::milliseconds kSweepInterval{5000};

PricingRules pricingFrom(const CheckoutSettings& s) {
  PricingRules r;
  r.shippingFlatRate = s.shippingFlatRate;
  r.freeShippingThreshold = s.freeShippingThreshold;
  r.taxRates = s.taxRates;
  r.defaultTaxRate = s.defaultTaxRate;
  return r;
}

struct OrderComponents {
  explicit OrderComponents(ServiceContext& ctx)
      : store(ctx.database, ctx.wakeOutbox),
        carts(makeCartGateway(ctx.clients)),
        customers(makeCustomerDirectory(ctx.clients)),
        orders(OrderServiceDeps{store, *carts, *customers,
                                [&clients = ctx.clients]() -> product::Client& {
                                  return clients.get<product::Client>();
                                },
                                [&clients = ctx.clients]() -> payment::Client& {
                                  return clients.get<payment::Client>();
                                },
                                ctx.clock,
                                [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }},
               OrderServiceOptions{pricingFrom(ctx.config.checkout), ctx.config.checkout.reservationTtl}),
        sweeper(orders, kSweepInterval) {}

  SqlOrderStore store;
  std::unique_ptr<CartGateway> carts;
  std::unique_ptr<CustomerDirectory> customers;
  OrderService orders;
  OrderSweeper sweeper;
};

// An event handler throws only for what a retry can fix (a peer or the store briefly
// down): the bus then delivers the event again. Anything else is logged and dropped, or
// one bad event would hold up every later one.
template <typename F>
void handleEvent(const bus::Event& event, F&& apply) {
  try {
    apply();
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::kUnavailable) throw;
    log::error("order event handler refused an event",
               {{"type", event.type}, {"eventId", event.id}, {"code", e.code()}, {"error", e.what()}});
  }
}

void onPaymentEvent(OrderService& orders, const bus::Event& event) {
  const auto p = nlohmann::json::parse(event.payload);
  const auto orderId = p.at("orderId").get<std::string>();
  if (event.type == "payment.succeeded") {
    orders.paymentSucceeded(orderId, p.at("paymentId").get<std::string>());
  } else if (event.type == "payment.failed") {
    orders.paymentFailed(orderId, p.value("failureCode", "payment_failed"));
  } else if (event.type == "payment.cancelled") {
    orders.paymentCancelled(orderId);
  } else if (event.type == "payment.refunded") {
    orders.paymentRefunded(orderId, p.at("refundId").get<std::string>(),
                           p.at("amount").get<std::int64_t>(), p.value("status", "refunded"));
  }
}

}  // namespace

void registerOrderService(ServiceContext& ctx) {
  auto parts = std::make_shared<OrderComponents>(ctx);
  std::shared_ptr<OrderService> orders(parts, &parts->orders);

  addOrderRoutes(ctx.router, orders, ctx.authenticator);
  addAdminOrderRoutes(ctx.router, orders, ctx.authenticator);

  // Payment outcomes that arrive after checkout answered: webhooks, the reconciler. Each
  // reaction is idempotent (conditional status changes, refunds recorded by id), so the
  // at-least-once bus needs no extra de-duplication here.
  ctx.bus.subscribe("order", {"payment"}, [orders](const bus::Event& event) {
    handleEvent(event, [&] { onPaymentEvent(*orders, event); });
  });
  // Our own order.paid / order.cancelled: the owed work is retried from the event until it
  // is done, so a crash right after the status change loses none of it.
  ctx.bus.subscribe("order-effects", {"order"}, [orders](const bus::Event& event) {
    if (event.type != "order.paid" && event.type != "order.cancelled") return;
    handleEvent(event, [&] { orders->runPendingEffect(event.aggregateId); });
  });

  ctx.lifecycle.onStart([parts] { parts->sweeper.start(); });
  ctx.lifecycle.onStop([parts] { parts->sweeper.stop(); });
}

}  // namespace um::order

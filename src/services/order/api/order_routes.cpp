#include "services/order/api/order_routes.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/order/api/order_input.hpp"
#include "services/order/api/order_json.hpp"
#include "services/order/domain/order_service.hpp"
#include "services/order/domain/status_machine.hpp"

namespace um::order {

void addOrderRoutes(http::Router& router, std::shared_ptr<OrderService> orders,
                    const http::Authenticator& authenticator) {
  // Guests check out too: a token is used when present, not required.
  const http::RouteOptions optionalAuth{{http::authenticate(authenticator)}};
  const http::RouteOptions signedIn{{http::authenticate(authenticator), http::requireAuthenticated()}};

  router.add(
      "POST", "/v2/orders",
      [orders](http::Request& req) {
        const auto result = orders->checkout(checkoutInputFrom(req));
        auto res = http::Response::json(result.created ? 201 : 200, orderJson(result.order));
        if (!result.created) res.headers.set("Idempotent-Replayed", "true");
        return res;
      },
      optionalAuth);

  // Extension of the contract: the checkout page's totals before it pays. Read-only, so no
  // Idempotency-Key; the cart is named like POST /v2/orders names it.
  router.add(
      "POST", "/v2/orders/quote",
      [orders](http::Request& req) {
        auto res = http::Response::json(200, quoteJson(orders->quote(quoteInputFrom(req))));
        res.headers.set("Cache-Control", "no-store");
        return res;
      },
      optionalAuth);

  router.add(
      "GET", "/v2/orders",
      [orders](http::Request& req) {
        OrderFilter filter;
        filter.userId = req.principal->userId;
        pagingFrom(req, filter);
        return http::Response::json(200, pageJson(orders->list(filter)));
      },
      signedIn);

  router.add(
      "GET", "/v2/orders/{id}",
      [orders](http::Request& req) {
        return http::Response::json(200, orderJson(orders->get(req.param("id"), viewerFrom(req))));
      },
      optionalAuth);

  router.add(
      "POST", "/v2/orders/{id}/cancel",
      [orders](http::Request& req) {
        return http::Response::json(200, orderJson(orders->cancel(req.param("id"), viewerFrom(req))));
      },
      optionalAuth);
}

void addAdminOrderRoutes(http::Router& router, std::shared_ptr<OrderService> orders,
                         const http::Authenticator& authenticator) {
  const http::RouteOptions admin{{http::authenticate(authenticator), http::requireRole("admin")}};

  router.add(
      "GET", "/v2/admin/orders",
      [orders](http::Request& req) {
        OrderFilter filter;
        if (auto status = req.queryParam("status"); status && !status->empty()) {
          filter.status = parseOrderStatus(*status);
          if (!filter.status) throw Error::validation("status", "not an order status");
        }
        if (auto q = req.queryParam("q"); q && !q->empty()) {
          if (q->size() > 200) throw Error::validation("q", "at most 200 characters");
          filter.query = *q;
        }
        pagingFrom(req, filter);
        return http::Response::json(200, pageJson(orders->list(filter)));
      },
      admin);

  router.add(
      "POST", "/v2/admin/orders/{id}/ship",
      [orders](http::Request& req) {
        return http::Response::json(
            200, orderJson(orders->ship(req.param("id"), shipmentFrom(req.jsonObject()))));
      },
      admin);

  router.add(
      "POST", "/v2/admin/orders/{id}/deliver",
      [orders](http::Request& req) {
        return http::Response::json(200, orderJson(orders->deliver(req.param("id"))));
      },
      admin);

  router.add(
      "POST", "/v2/admin/orders/{id}/refund",
      [orders](http::Request& req) {
        const auto& id = req.param("id");
        const auto order = orders->get(id, Viewer{std::nullopt, true, std::nullopt});
        const auto amount = refundAmountFrom(req.jsonObject(), order.currency);
        // An Idempotency-Key makes a retried click one refund; without one each call is new.
        const auto key = req.header("Idempotency-Key");
        const std::string refundKey = key && !key->empty() ? "admin:" + std::string(*key) : newId();
        return http::Response::json(200, orderJson(orders->refund(id, amount, refundKey)));
      },
      admin);
}

}  // namespace um::order

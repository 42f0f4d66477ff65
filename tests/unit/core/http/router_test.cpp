#include "core/http/router.hpp"

#include <gtest/gtest.h>

namespace um::http {
namespace {

Handler answer(int status) {
  return [status](Request&) { return Response::text(status, "", "text/plain"); };
}

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

TEST(RouterTest, ExtractsPathParameters) {
  Router router;
  router.add("GET", "/v2/products/{id}/recommendations", answer(200));
  auto req = request("GET", "/v2/products/abc/recommendations");
  auto m = router.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(req.params.at("id"), "abc");
  EXPECT_EQ(req.routePattern, "/v2/products/{id}/recommendations");
}

TEST(RouterTest, StaticSegmentBeatsParameter) {
  Router router;
  router.add("GET", "/v2/search/{q}", answer(201));
  router.add("GET", "/v2/search/suggest", answer(202));
  auto req = request("GET", "/v2/search/suggest");
  auto m = router.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler(req).status, 202);
}

TEST(RouterTest, UnknownPathIsNotFoundAndWrongMethodListsAllowed) {
  Router router;
  router.add("GET", "/v2/cart", answer(200));
  router.add("DELETE", "/v2/cart", answer(204));
  auto missing = request("GET", "/v2/carts");
  EXPECT_EQ(router.match(missing).route, nullptr);
  EXPECT_TRUE(router.match(missing).allowedMethods.empty());
  auto wrong = request("PUT", "/v2/cart");
  auto m = router.match(wrong);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowedMethods, "DELETE, GET");
}

TEST(RouterTest, HeadIsServedByGet) {
  Router router;
  router.add("GET", "/health", answer(200));
  auto req = request("HEAD", "/health");
  EXPECT_NE(router.match(req).route, nullptr);
}

TEST(RouterTest, TrailingSlashIsTheSameResource) {
  Router router;
  router.add("GET", "/v2/products", answer(200));
  auto req = request("GET", "/v2/products/");
  EXPECT_NE(router.match(req).route, nullptr);
}

TEST(RouterTest, EmptyParameterDoesNotMatch) {
  Router router;
  router.add("GET", "/v2/products/{id}", answer(200));
  auto req = request("GET", "/v2/products//");
  EXPECT_EQ(router.match(req).route, nullptr);
}

TEST(RouterTest, RouteMiddlewareRunsOutermostFirst) {
  Router router;
  std::string order;
  auto mark = [&order](char c) {
    return Middleware([&order, c](Request& r, const Handler& next) {
      order += c;
      return next(r);
    });
  };
  router.add("GET", "/x", answer(200), {.middleware = {mark('a'), mark('b')}});
  auto req = request("GET", "/x");
  router.match(req).route->handler(req);
  EXPECT_EQ(order, "ab");
}

TEST(RouterTest, DuplicateRouteIsAProgrammingError) {
  Router router;
  router.add("GET", "/x/{a}", answer(200));
  EXPECT_THROW(router.add("GET", "/x/{a}", answer(200)), std::logic_error);
}

TEST(RouterTest, AFastPathIsKeptWithItsRouteAndRefusedWhereItWouldSkipMiddleware) {
  Router router;
  RouteOptions cached;
  cached.fastPath = [](const Request&) -> std::optional<Response> { return std::nullopt; };
  router.add("GET", "/v2/products", answer(200), cached);
  auto req = request("GET", "/v2/products");
  auto m = router.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_TRUE(m.route->fastPath);

  RouteOptions guarded = cached;
  guarded.middleware.push_back([](Request& r, const Handler& next) { return next(r); });
  EXPECT_THROW(router.add("GET", "/v2/admin/products", answer(200), guarded), std::logic_error);
}

}  // namespace
}  // namespace um::http

#include "services/product/api/input.hpp"
#include "services/product/api/routes.hpp"

namespace um::product::api {

namespace {

// The cache key of a list: the parsed query, so parameter order and unknown parameters
// never split one answer over several entries.
std::string listKey(const ListQuery& q) {
  return "list:" + std::to_string(q.limit) + "|" + q.cursor.value_or("") + "|" +
         q.category.value_or("") + "|" + (q.minPrice ? std::to_string(*q.minPrice) : "") + "|" +
         (q.maxPrice ? std::to_string(*q.maxPrice) : "") + "|" +
         (q.inStock ? (*q.inStock ? "1" : "0") : "") + "|" + toString(q.sort);
}

std::string productKey(const http::Request& req) { return "product:" + req.param("id"); }

// Each route answers a cached hit on the I/O thread (the fast path) and goes to the worker
// pool only to build a missing answer.
http::RouteOptions cachedRead(ReadCache& cache, std::string (*keyOf)(const http::Request&)) {
  http::RouteOptions options;
  options.fastPath = [&cache, keyOf](const http::Request& req) {
    return cache.serveLocal(req, keyOf(req));
  };
  return options;
}

std::string listKeyOf(const http::Request& req) { return listKey(listQueryFrom(req)); }
std::string categoriesKeyOf(const http::Request&) { return "categories"; }

}  // namespace

void registerPublicRoutes(http::Router& router, const RouteDeps& deps) {
  Catalog& catalog = deps.catalog;
  ReadCache& cache = deps.cache;
  const ImageUrls images = deps.images;

  router.add("GET", "/v2/products", [&catalog, &cache, images](http::Request& req) {
    const auto query = listQueryFrom(req);
    return cache.serve(req, listKey(query), [&] {
      const auto page = catalog.list(query);
      http::Json items = http::Json::array();
      for (const auto& p : page.items) items.push_back(productJson(p, images));
      return http::Json{{"items", std::move(items)},
                        {"total", page.total},
                        {"nextCursor", page.nextCursor ? http::Json(*page.nextCursor)
                                                       : http::Json(nullptr)}};
    });
  }, cachedRead(cache, listKeyOf));

  router.add("GET", "/v2/products/{id}", [&catalog, &cache, images](http::Request& req) {
    return cache.serve(req, productKey(req),
                       [&] { return productJson(catalog.product(req.param("id")), images); });
  }, cachedRead(cache, productKey));

  router.add("GET", "/v2/categories", [&catalog, &cache](http::Request& req) {
    return cache.serve(req, categoriesKeyOf(req), [&] {
      http::Json items = http::Json::array();
      for (const auto& c : catalog.categories()) items.push_back(categoryJson(c));
      return http::Json{{"items", std::move(items)}};
    });
  }, cachedRead(cache, categoriesKeyOf));
}

}  // namespace um::product::api

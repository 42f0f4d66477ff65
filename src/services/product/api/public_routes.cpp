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
  });

  router.add("GET", "/v2/products/{id}", [&catalog, &cache, images](http::Request& req) {
    const auto& id = req.param("id");
    return cache.serve(req, "product:" + id,
                       [&] { return productJson(catalog.product(id), images); });
  });

  router.add("GET", "/v2/categories", [&catalog, &cache](http::Request& req) {
    return cache.serve(req, "categories", [&] {
      http::Json items = http::Json::array();
      for (const auto& c : catalog.categories()) items.push_back(categoryJson(c));
      return http::Json{{"items", std::move(items)}};
    });
  });
}

}  // namespace um::product::api

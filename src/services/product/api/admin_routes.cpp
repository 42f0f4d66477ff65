#include "services/product/api/input.hpp"
#include "services/product/api/routes.hpp"

namespace um::product::api {

void registerAdminRoutes(http::Router& router, const RouteDeps& deps,
                         const http::Authenticator& authenticator) {
  Catalog& catalog = deps.catalog;
  const ImageUrls images = deps.images;
  auto admin = [&authenticator] {
    return http::RouteOptions{{http::authenticate(authenticator), http::requireRole("admin")}};
  };

  router.add(
      "POST", "/v2/admin/products",
      [&catalog, images](http::Request& req) {
        const auto p = catalog.create(productDraftFrom(req.jsonObject()));
        return http::Response::json(201, productJson(p, images));
      },
      admin());

  // Every status (the public list shows active products only), never cached: the admin
  // panel must see its own changes at once.
  router.add(
      "GET", "/v2/admin/products",
      [&catalog, images](http::Request& req) {
        const auto page = catalog.listForAdmin(adminListQueryFrom(req));
        http::Json items = http::Json::array();
        for (const auto& p : page.items) items.push_back(productJson(p, images));
        return http::Response::json(
            200, {{"items", std::move(items)},
                  {"total", page.total},
                  {"nextCursor",
                   page.nextCursor ? http::Json(*page.nextCursor) : http::Json(nullptr)}});
      },
      admin());

  router.add(
      "GET", "/v2/admin/products/{id}",
      [&catalog, images](http::Request& req) {
        return http::Response::json(200, productJson(catalog.product(req.param("id"), true), images));
      },
      admin());

  router.add(
      "PATCH", "/v2/admin/products/{id}",
      [&catalog, images](http::Request& req) {
        const auto p = catalog.update(req.param("id"), productPatchFrom(req.jsonObject()));
        return http::Response::json(200, productJson(p, images));
      },
      admin());

  // Archives rather than deletes: orders keep pointing at the product.
  router.add(
      "DELETE", "/v2/admin/products/{id}",
      [&catalog, images](http::Request& req) {
        return http::Response::json(200, productJson(catalog.archive(req.param("id")), images));
      },
      admin());

  router.add(
      "PUT", "/v2/admin/variants/{id}/stock",
      [&catalog, images](http::Request& req) {
        const auto p = catalog.setStock(req.param("id"), stockFrom(req.jsonObject()));
        return http::Response::json(200, productJson(p, images));
      },
      admin());

  router.add(
      "POST", "/v2/admin/categories",
      [&catalog](http::Request& req) {
        return http::Response::json(201,
                                    categoryJson(catalog.createCategory(categoryDraftFrom(req.jsonObject()))));
      },
      admin());

  router.add(
      "PATCH", "/v2/admin/categories/{id}",
      [&catalog](http::Request& req) {
        return http::Response::json(
            200, categoryJson(catalog.updateCategory(req.param("id"),
                                                     categoryDraftFrom(req.jsonObject()))));
      },
      admin());

  router.add(
      "DELETE", "/v2/admin/categories/{id}",
      [&catalog](http::Request& req) {
        catalog.deleteCategory(req.param("id"));
        return http::Response::noContent();
      },
      admin());
}

}  // namespace um::product::api

#pragma once

// The catalog's HTTP routes: thin handlers that parse, call the Catalog and serialise.

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"
#include "services/product/api/read_cache.hpp"
#include "services/product/domain/catalog.hpp"
#include "services/product/domain/product_json.hpp"

namespace um::product::api {

struct RouteDeps {
  Catalog& catalog;
  ReadCache& cache;
  ImageUrls images;
};

// GET /v2/products, /v2/products/{id}, /v2/categories: cached, ETag, Cache-Control.
void registerPublicRoutes(http::Router& router, const RouteDeps& deps);
// /v2/admin/products, /v2/admin/variants/{id}/stock, /v2/admin/categories: admins only.
void registerAdminRoutes(http::Router& router, const RouteDeps& deps,
                         const http::Authenticator& authenticator);

}  // namespace um::product::api

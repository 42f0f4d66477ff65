#pragma once

#include "core/service_context.hpp"

namespace um::product {

// Wires the catalog: SQL store, read cache, public and admin routes, the product::Client
// for other services, the reservation sweeper and the cache's invalidation by events.
void registerProductService(ServiceContext& ctx);

}  // namespace um::product

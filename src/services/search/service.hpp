#pragma once

#include "core/service_context.hpp"

namespace um::search {

// Wires the search service: the index for the configured store (SQLite FTS5 or PostgreSQL
// full-text), the consumer of product and inventory events, and the routes.
void registerSearchService(ServiceContext& ctx);

}  // namespace um::search

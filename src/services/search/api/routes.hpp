#pragma once

#include "core/http/router.hpp"
#include "services/search/domain/searcher.hpp"

namespace um::search::api {

// GET /v2/search and GET /v2/search/suggest.
void registerRoutes(http::Router& router, Searcher& searcher);

}  // namespace um::search::api

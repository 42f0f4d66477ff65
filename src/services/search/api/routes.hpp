#pragma once

#include "core/http/local_answers.hpp"
#include "core/http/router.hpp"
#include "services/search/domain/searcher.hpp"

namespace um::search::api {

// GET /v2/search and GET /v2/search/suggest.
// `answers` keeps serialised answers until the index changes (the caller clears it then).
void registerRoutes(http::Router& router, Searcher& searcher, http::LocalAnswers& answers);

}  // namespace um::search::api

#pragma once

// The all-in-one process serves the built storefront at "/" and the admin panel at
// "/admin/" (the contract's Operations section). Unknown paths under /v2 always get the
// error JSON, never a page.

#include "core/config.hpp"
#include "core/http/router.hpp"

namespace um::app {

// Installs the router's fallback. A front end that was not built is skipped with a log line;
// its paths then answer 404 JSON.
void registerFrontEnds(http::Router& router, const Config& config);

}  // namespace um::app

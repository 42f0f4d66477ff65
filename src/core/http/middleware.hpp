#pragma once

// Middleware shipped with the core. The server wraps every route in the global chain
// (requestId → traceContext → metrics → accessLog → errorBoundary → rateLimit); routes add their own (authentication,
// role checks, later CORS and rate limits) through RouteOptions.

#include <functional>
#include <optional>
#include <string>

#include "core/http/router.hpp"

namespace um {
class Metrics;
}

namespace um::http {

// Adopts a sane client X-Request-Id (≤ 128 printable characters) or makes one; echoes it.
Middleware requestId();
// Joins the caller's trace (a valid `traceparent`) or starts one, and makes it the thread's
// current trace while the request is handled: log lines carry traceId/spanId and outbound
// calls forward it (core/trace_context.hpp).
Middleware traceContext();
// Counts and times every answer under its route pattern.
Middleware metrics(Metrics& metrics);
// One structured log line per request: method, route, status, duration, request id. Never
// the body, the query string or headers (they carry tokens and passwords).
Middleware accessLog();
// Turns an Error into the contract's error JSON, anything else into a logged, opaque 500.
Middleware errorBoundary();

// Verifies a bearer token; returns nullopt for a missing token, throws Error
// (kUnauthenticated) for a bad one. Implemented by the auth service.
using Authenticator = std::function<std::optional<Principal>(const Request&)>;

// Fills request.principal when a valid token is present; requests without one pass.
Middleware authenticate(Authenticator authenticator);
// 401 unless request.principal is set (use after authenticate()).
Middleware requireAuthenticated();
// 401 without a principal, 403 when the role differs.
Middleware requireRole(std::string role);

}  // namespace um::http

#pragma once

// Maps method + path to a handler. Patterns use {name} segments ("/v2/products/{id}");
// a path that matches no pattern is 404, one that matches with another method is 405
// (with Allow). Each route carries its own middleware chain, outermost first.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/http/message.hpp"

namespace um::http {

using Handler = std::function<Response(Request&)>;
using Middleware = std::function<Response(Request&, const Handler& next)>;

// Where a handler runs. kBlocking (the default) runs on the worker pool, so a slow query
// never stalls the event loop; kInline runs on the I/O thread and must never block
// (health, metrics, pure in-memory answers).
enum class Execution { kBlocking, kInline };

// A non-blocking first try at a blocking route's answer, run on the I/O thread: it returns
// the answer when it has it at hand (a cache hit) and nullopt when the handler must run on
// the worker pool. The global middleware wraps its answer like any other. It sees the
// request before any per-route middleware, so a route with a fast path may have none (it
// is meant for public reads). It must not throw: an exception counts as nullopt.
using FastPath = std::function<std::optional<Response>(const Request&)>;

struct RouteOptions {
  std::vector<Middleware> middleware;
  Execution execution = Execution::kBlocking;
  FastPath fastPath;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;  // with the route's middleware already wrapped around it
  Execution execution;
  FastPath fastPath;  // may be empty
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;  // null → see allowedMethods
    std::string allowedMethods;    // non-empty → the path exists (405), empty → 404
  };
  // Fills request.params on a match.
  Match match(Request& request) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

  // Answers GET/HEAD requests that no route matches (the static front ends). It runs
  // inline, so it must not block; it throws Error(kNotFound) for what it does not serve.
  void setFallback(Handler handler) { fallback_ = std::move(handler); }
  const Handler& fallback() const { return fallback_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<std::vector<std::string>> segments_;  // parallel to routes_
  Handler fallback_;
};

// Splits "/a/b/c" into {"a","b","c"}; exposed for tests.
std::vector<std::string> splitPath(std::string_view path);

}  // namespace um::http

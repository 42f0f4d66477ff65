#include "app/wiring/ops_routes.hpp"

#include "core/log.hpp"
#include "core/metrics.hpp"

namespace um::app {

void registerOpsRoutes(http::Router& router, OpsInfo info) {
  // Liveness answers from memory on the I/O thread: a busy database must not get the pod killed.
  const std::string healthBody =
      http::Json{{"status", "ok"}, {"service", info.service}, {"version", info.version}}.dump();
  auto health = [healthBody](http::Request&) {
    return http::Response::text(200, healthBody, "application/json");
  };
  router.add("GET", "/health", health, {.execution = http::Execution::kInline});
  router.add("GET", "/admin/health", health, {.execution = http::Execution::kInline});

  // Readiness touches the stores, so it runs on the worker pool.
  router.add("GET", "/ready", [info](http::Request&) {
    http::Json checks = http::Json::object();
    bool ok = true;
    if (info.draining && info.draining()) {
      checks["server"] = "draining";
      ok = false;
    }
    for (const auto& [name, check] : *info.readiness) {
      try {
        check();
        checks[name] = "ok";
      } catch (const std::exception& e) {
        // The reason may name a host; the log has it, the unauthenticated probe does not.
        log::warn("readiness check failed", {{"check", name}, {"detail", e.what()}});
        checks[name] = "unavailable";
        ok = false;
      }
    }
    return http::Response::json(ok ? 200 : 503,
                                {{"status", ok ? "ok" : "unavailable"}, {"checks", checks}});
  });

  router.add(
      "GET", "/metrics",
      [metrics = info.metrics](http::Request&) {
        return http::Response::text(200, metrics->render(), "text/plain; version=0.0.4");
      },
      {.execution = http::Execution::kInline});
}

}  // namespace um::app

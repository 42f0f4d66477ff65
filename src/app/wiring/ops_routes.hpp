#pragma once

// The operations endpoints (no /v2 prefix): /health (liveness), /ready (every store this
// process uses answers, and the process is not draining), /metrics (Prometheus text),
// /admin/health (the guide's smoke test of the admin host).

#include <functional>
#include <string>
#include <vector>

#include "core/http/router.hpp"
#include "core/service_context.hpp"

namespace um {
class Metrics;
}

namespace um::app {

struct OpsInfo {
  std::string service;  // "all-in-one" or the --service name
  std::string version;
  const std::vector<ReadinessCheck>* readiness;
  Metrics* metrics;
  std::function<bool()> draining;
};

void registerOpsRoutes(http::Router& router, OpsInfo info);

}  // namespace um::app

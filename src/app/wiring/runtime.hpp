#pragma once

// Builds a running process from configuration: opens each selected service's store,
// applies its migrations, chooses the shared adapters (bus, cache), registers the services
// and the operations routes, and serves HTTP until drained. The only place that knows
// which adapter is in use.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace um::app {

struct RuntimeOptions {
  std::string dataDir = "./data";
  std::optional<std::string> onlyService;  // --service NAME; all built services when empty
  std::string version = "2.0.0";
};

class Runtime {
 public:
  // Throws ConfigError for an unknown or unbuilt --service, StoreUnavailable when a store
  // cannot be opened.
  Runtime(Config config, RuntimeOptions options);
  ~Runtime();

  // Applies pending migrations of the selected services; returns how many ran.
  int migrate();
  // Registers everything, listens on config.port (0 → any) and returns the bound port.
  std::uint16_t start();
  // Serves until SIGTERM/SIGINT (or shutdown()) and a drain complete; then stops the
  // background work.
  void run();
  void shutdown();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace um::app

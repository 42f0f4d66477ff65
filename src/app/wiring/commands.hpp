#pragma once

// The data-changing subcommands of `ultramarket`, each delegating to the owning service's
// domain code on that service's own store.

#include <cstdint>
#include <string>

#include "core/config.hpp"

namespace um::app {

struct SeedOptions {
  int products = 200;
  std::uint64_t seed = 42;  // same seed → same catalog
  bool progress = false;    // draw a progress bar (stdout is a terminal)
};

// Returns the process exit code.
int seedCatalog(const Config& config, const std::string& dataDir, const SeedOptions& options);

struct UserOptions {
  std::string email;
  std::string password;
  std::string role = "customer";
  std::string name;
};
int createUser(const Config& config, const std::string& dataDir, const UserOptions& options);

}  // namespace um::app

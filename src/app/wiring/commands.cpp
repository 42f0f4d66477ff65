#include "app/wiring/commands.hpp"

#include <iostream>

namespace um::app {

// The product service (catalog issue) provides the demo catalog generator.
int seedCatalog(const Config&, const std::string&, const SeedOptions&) {
  std::cerr << "seed: the product service is not built yet; there is no catalog to seed\n";
  return 2;
}

// The auth service (identity issue) provides account creation.
int createUser(const Config&, const std::string&, const UserOptions&) {
  std::cerr << "user create: the auth service is not built yet\n";
  return 2;
}

}  // namespace um::app

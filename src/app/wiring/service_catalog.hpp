#pragma once

// Every service the platform has, and the registration function of each one built so far.
// `serve` registers all of them (all-in-one) or the one named by --service.

#include <functional>
#include <string>
#include <vector>

#include "adapters/sql/connect.hpp"
#include "core/service_context.hpp"

namespace um::app {

struct ServiceDefinition {
  std::string name;
  // Empty while the service is not built yet: asking for it is refused with a clear message.
  std::function<void(ServiceContext&)> registerService;
  sql::Durability durability = sql::Durability::kOnDisk;
};

// In dependency-friendly order (auth first: it provides the token verifier).
const std::vector<ServiceDefinition>& serviceCatalog();
const ServiceDefinition* findService(const std::string& name);

}  // namespace um::app

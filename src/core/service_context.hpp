#pragma once

// What a service is handed when it registers: its own store, the shared ports, the router
// and a registry of other services' client interfaces. A service's registration function
// (src/services/<name>/service.hpp) is the only place that wires its parts together.

#include <any>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/http/middleware.hpp"
#include "core/http/router.hpp"

namespace um {
class Metrics;
class Clock;
namespace sql {
class Database;
}
namespace bus {
class EventBus;
}
namespace cache {
class Cache;
}

// How services find each other. The all-in-one process provides in-process
// implementations; distributed mode provides HTTP ones. Lookups happen at call time, so
// registration order does not matter.
class ClientRegistry {
 public:
  template <typename Interface>
  void provide(std::shared_ptr<Interface> client) {
    std::lock_guard lock(mutex_);
    clients_[typeid(Interface)] = std::move(client);
  }

  // Throws Error(kUnavailable) when no implementation is known in this process.
  template <typename Interface>
  Interface& get() const {
    std::lock_guard lock(mutex_);
    auto it = clients_.find(typeid(Interface));
    if (it == clients_.end()) {
      throw Error::unavailable("service_unavailable",
                               std::string("no client for ") + typeid(Interface).name());
    }
    return *std::any_cast<std::shared_ptr<Interface>>(it->second);
  }

  template <typename Interface>
  bool has() const {
    std::lock_guard lock(mutex_);
    return clients_.contains(typeid(Interface));
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::type_index, std::any> clients_;
};

// Start/stop hooks for a service's background work (relays, sweepers, consumers).
class Lifecycle {
 public:
  void onStart(std::function<void()> f) { starts_.push_back(std::move(f)); }
  void onStop(std::function<void()> f) { stops_.push_back(std::move(f)); }
  void start() {
    for (auto& f : starts_) f();
  }
  // Reverse order, like destructors.
  void stop() {
    for (auto it = stops_.rbegin(); it != stops_.rend(); ++it) (*it)();
    stops_.clear();
  }

 private:
  std::vector<std::function<void()>> starts_;
  std::vector<std::function<void()>> stops_;
};

// Named checks for GET /ready; each throws (any exception) when its dependency is down.
using ReadinessCheck = std::pair<std::string, std::function<void()>>;

struct ServiceContext {
  std::string name;
  const Config& config;
  const Clock& clock;
  http::Router& router;
  sql::Database& database;  // this service's tables only
  bus::EventBus& bus;
  cache::Cache& cache;
  Metrics& metrics;
  ClientRegistry& clients;
  Lifecycle& lifecycle;
  std::vector<ReadinessCheck>& readiness;
  // Verifies bearer tokens (the auth service provides the verifier). Put
  // http::authenticate(ctx.authenticator) before requireAuthenticated()/requireRole().
  http::Authenticator authenticator;
  std::string dataDir;
  // Call after committing a transaction that appended to the outbox: the relay publishes at
  // once instead of at its next poll (it polls every 250 ms anyway, so forgetting is slow,
  // not wrong).
  std::function<void()> wakeOutbox = [] {};
};

}  // namespace um

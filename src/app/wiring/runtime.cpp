#include "app/wiring/runtime.hpp"

#include <filesystem>
#include <map>

#include "adapters/bus/inprocess/in_process_bus.hpp"
#include "adapters/bus/outbox.hpp"
#include "adapters/cache/inprocess/lru_cache.hpp"
#include "adapters/sql/connect.hpp"
#include "adapters/sql/migrations.hpp"
#include "app/wiring/front_ends.hpp"
#include "app/wiring/ops_routes.hpp"
#include "app/wiring/service_catalog.hpp"
#include "core/auth/token_verifier.hpp"
#include "core/clock.hpp"
#include "core/http/middleware.hpp"
#include "core/http/rate_limit.hpp"
#include "core/http/server/server.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace um::app {

namespace {

// Bearer tokens are verified by whichever TokenVerifier the auth service provided.
http::Authenticator bearerAuthenticator(ClientRegistry& clients) {
  return [&clients](const http::Request& req) -> std::optional<http::Principal> {
    auto header = req.header("Authorization");
    if (!header) return std::nullopt;
    constexpr std::string_view kPrefix = "Bearer ";
    if (header->size() <= kPrefix.size() || !header->starts_with(kPrefix)) {
      throw Error::unauthenticated("expected 'Authorization: Bearer <token>'");
    }
    return clients.get<TokenVerifier>().verify(header->substr(kPrefix.size()));
  };
}

}  // namespace

class Runtime::Impl {
 public:
  Impl(Config config, RuntimeOptions options)
      : config_(std::move(config)), options_(std::move(options)) {
    if (options_.onlyService) {
      const auto* def = findService(*options_.onlyService);
      if (!def) {
        std::string known;
        for (const auto& s : serviceCatalog()) known += (known.empty() ? "" : ", ") + s.name;
        throw ConfigError("--service: unknown service '" + *options_.onlyService +
                          "' (known: " + known + ")");
      }
      if (!def->registerService) {
        throw ConfigError("--service: the " + def->name + " service is not built yet");
      }
      selected_.push_back(def);
    } else {
      for (const auto& s : serviceCatalog()) {
        if (s.registerService) selected_.push_back(&s);
      }
    }
    std::filesystem::create_directories(options_.dataDir);
    storeOptions_ = {config_.databaseUrl, options_.dataDir, config_.dbPoolSize};
  }

  ~Impl() { lifecycle_.stop(); }

  int migrate() {
    int applied = 0;
    for (const auto* def : selected_) applied += migrateService(*def);
    return applied;
  }

  std::uint16_t start() {
    bus_ = std::make_unique<bus::InProcessBus>();
    cache_ = std::make_unique<cache::LruCache>(config_.cacheMaxSize);
    readiness_.emplace_back("cache", [this] { cache_->ping(); });

    for (const auto* def : selected_) {
      migrateService(*def);
      auto& db = *databases_.at(def->name);
      readiness_.emplace_back("database:" + def->name, [&db] { db.ping(); });
      auto relay = std::make_shared<bus::OutboxRelay>(db, *bus_);
      lifecycle_.onStart([relay] { relay->start(); });
      lifecycle_.onStop([relay] { relay->stop(); });
      ServiceContext ctx{def->name,  config_, systemClock(), router_,    db,
                         *bus_,      *cache_, metrics_,      clients_,   lifecycle_,
                         readiness_, bearerAuthenticator(clients_), options_.dataDir,
                         [relay] { relay->wake(); }};
      def->registerService(ctx);
    }

    const std::string identity =
        options_.onlyService ? *options_.onlyService : std::string("all-in-one");
    registerOpsRoutes(router_, {identity, options_.version, &readiness_, &metrics_,
                                [this] { return server_ && server_->draining(); }});
    registerFrontEnds(router_, config_);

    http::ServerOptions serverOptions;
    serverOptions.port = config_.port;
    serverOptions.ioThreads = config_.ioThreads;
    serverOptions.workerThreads = config_.workerThreads;
    serverOptions.maxBodyBytes = config_.maxBodyBytes;
    serverOptions.shutdownGrace = config_.shutdownGrace;
    server_ = std::make_unique<http::Server>(
        serverOptions, router_,
        std::vector<http::Middleware>{
            http::requestId(), http::traceContext(), http::metrics(metrics_), http::accessLog(),
            http::errorBoundary(),
            http::rateLimit({std::chrono::minutes(config_.rateLimitWindowMinutes),
                             config_.rateLimitMax, config_.trustedProxyHops},
                            [cache = cache_.get()](const std::string& key, std::chrono::seconds ttl) {
                              return cache->increment(key, 1, ttl);
                            },
                            systemClock())});
    const auto port = server_->listen();
    bus_->start();
    lifecycle_.start();
    return port;
  }

  void run() {
    server_->run();
    lifecycle_.stop();
    bus_->stop();
  }

  void shutdown() {
    if (server_) server_->shutdown();
  }

 private:
  int migrateService(const ServiceDefinition& def) {
    const std::string& name = def.name;
    auto& db = database(name, def.durability);
    bus::Outbox::ensureSchema(db);
    const auto migrations =
        sql::migrationsFor(name, db.dialect(), sql::embeddedMigrationFiles());
    const int applied = sql::applyMigrations(db, migrations);
    if (applied > 0) log::info("migrations applied", {{"service", name}, {"count", applied}});
    return applied;
  }

  sql::Database& database(const std::string& name, sql::Durability durability) {
    auto it = databases_.find(name);
    if (it == databases_.end()) {
      it = databases_.emplace(name, sql::openServiceDatabase(storeOptions_, name, durability)).first;
    }
    return *it->second;
  }

  Config config_;
  RuntimeOptions options_;
  sql::StoreOptions storeOptions_;
  std::vector<const ServiceDefinition*> selected_;
  std::map<std::string, std::unique_ptr<sql::Database>> databases_;
  std::unique_ptr<bus::InProcessBus> bus_;
  std::unique_ptr<cache::LruCache> cache_;
  Metrics metrics_;
  http::Router router_;
  ClientRegistry clients_;
  Lifecycle lifecycle_;
  std::vector<ReadinessCheck> readiness_;
  std::unique_ptr<http::Server> server_;
};

Runtime::Runtime(Config config, RuntimeOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(options))) {}
Runtime::~Runtime() = default;
int Runtime::migrate() { return impl_->migrate(); }
std::uint16_t Runtime::start() { return impl_->start(); }
void Runtime::run() { impl_->run(); }
void Runtime::shutdown() { impl_->shutdown(); }

}  // namespace um::app

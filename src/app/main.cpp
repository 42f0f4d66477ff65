// The `ultramarket` command (see docs/api-contract in ../shared and the README):
//   serve [--service NAME] [--port N] | migrate | seed --products N | user create ...
// Every subcommand takes --data-dir. Kept short: the work lives in app/wiring.

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "adapters/sql/database.hpp"
#include "app/wiring/commands.hpp"
#include "app/wiring/runtime.hpp"
#include "core/log.hpp"

namespace {

constexpr const char* kVersion = "2.0.0";

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"UltraMarket: an e-commerce platform", "ultramarket"};
  cli.set_version_flag("--version", kVersion);
  cli.require_subcommand(1);

  std::string dataDir = "./data";
  auto addDataDir = [&dataDir](CLI::App* sub) {
    sub->add_option("--data-dir", dataDir, "where the embedded stores keep their files")
        ->capture_default_str();
  };

  auto* serve = cli.add_subcommand("serve", "run the HTTP server (all services, or one)");
  std::string service;
  int port = -1;
  serve->add_option("--service", service, "run only this service (distributed mode)");
  serve->add_option("--port", port, "listen port (default: PORT, else 3000)")
      ->check(CLI::Range(0, 65535));
  addDataDir(serve);

  auto* migrate = cli.add_subcommand("migrate", "apply database migrations, then exit");
  migrate->add_option("--service", service, "only this service's migrations");
  addDataDir(migrate);

  auto* seed = cli.add_subcommand("seed", "create a realistic demo catalog");
  um::app::SeedOptions seedOptions;
  seed->add_option("--products", seedOptions.products, "how many products")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  seed->add_option("--seed", seedOptions.seed, "random seed; the same seed gives the same catalog")
      ->capture_default_str();
  addDataDir(seed);

  auto* user = cli.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  auto* userCreate = user->add_subcommand("create", "create an account");
  um::app::UserOptions userOptions;
  userCreate->add_option("--email", userOptions.email)->required();
  userCreate->add_option("--password", userOptions.password)->required();
  userCreate->add_option("--role", userOptions.role)
      ->check(CLI::IsMember({"admin", "customer"}))
      ->capture_default_str();
  userCreate->add_option("--name", userOptions.name);
  addDataDir(userCreate);
  addDataDir(user);

  CLI11_PARSE(cli, argc, argv);

  try {
    um::Config config = um::loadConfigFromEnvironment();
    if (port >= 0) config.port = static_cast<std::uint16_t>(port);
    um::log::init(config.logLevel, service.empty() ? "ultramarket" : service);

    um::app::RuntimeOptions options;
    options.dataDir = dataDir;
    options.version = kVersion;
    if (!service.empty()) options.onlyService = service;

    if (*serve) {
      um::app::Runtime runtime(config, options);
      const auto bound = runtime.start();
      um::log::info("listening", {{"port", bound}, {"url", "http://127.0.0.1:" + std::to_string(bound) + "/"}});
      std::cout << "UltraMarket is running at http://127.0.0.1:" << bound << "/" << std::endl;
      runtime.run();
      um::log::flush();
      return 0;
    }
    if (*migrate) {
      um::app::Runtime runtime(config, options);
      const int applied = runtime.migrate();
      std::cout << "migrations applied: " << applied << std::endl;
      return 0;
    }
    if (*seed) {
      seedOptions.progress = isatty(STDOUT_FILENO) != 0;
      return um::app::seedCatalog(config, dataDir, seedOptions);
    }
    if (*userCreate) return um::app::createUser(config, dataDir, userOptions);
  } catch (const um::ConfigError& e) {
    std::cerr << "configuration error: " << e.what() << std::endl;
    return 78;  // EX_CONFIG
  } catch (const um::sql::StoreUnavailable& e) {
    std::cerr << "store unavailable: " << e.what() << std::endl;
    return 69;  // EX_UNAVAILABLE
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}

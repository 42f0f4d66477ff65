#pragma once

// A fresh store per test, on SQLite (a temp folder) or PostgreSQL (a schema of its own on
// the server named by UM_TEST_DATABASE_URL; skipped when unset), with `service`'s
// migrations applied.

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "adapters/bus/outbox.hpp"
#include "adapters/sql/connect.hpp"
#include "adapters/sql/migrations.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "services/product/domain/catalog.hpp"
#include "services/product/store/sql_catalog_store.hpp"

namespace um::testing {

class ServiceStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<sql::Database> openStore(const std::string& service) {
    sql::StoreOptions options;
    options.poolSize = 16;
    if (GetParam() == "postgres") {
      const char* url = std::getenv("UM_TEST_DATABASE_URL");
      if (url == nullptr || *url == '\0') return nullptr;
      options.databaseUrl = url;
    } else {
      dataDir_ = std::filesystem::temp_directory_path() / ("um-" + service + "-" + newId());
      options.dataDir = dataDir_.string();
    }
    std::string id = newId();
    std::erase(id, '-');
    auto db = sql::openServiceDatabase(options, service + "_t_" + id.substr(20));
    bus::Outbox::ensureSchema(*db);
    sql::applyMigrations(*db, sql::migrationsFor(service, db->dialect(), sql::embeddedMigrationFiles()));
    return db;
  }

  void TearDown() override {
    if (!dataDir_.empty()) std::filesystem::remove_all(dataDir_);
  }

  std::filesystem::path dataDir_;
};

// The product service's catalog over its real SQL store.
class CatalogStoreTest : public ServiceStoreTest {
 protected:
  void SetUp() override {
    db_ = openStore("product");
    if (!db_) GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
    store_ = std::make_unique<product::SqlCatalogStore>(*db_, product::ImageUrls(""));
    catalog_ = std::make_unique<product::Catalog>(*store_, systemClock());
  }

  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<product::SqlCatalogStore> store_;
  std::unique_ptr<product::Catalog> catalog_;
};

}  // namespace um::testing

// Migrations against both real stores: applied once, recorded, the right dialect's file,
// all-or-nothing, and safe when two processes start at once.

#include <gtest/gtest.h>

#include <thread>

#include "adapters/sql/migrations.hpp"
#include "store_fixture.hpp"

namespace um::sql::testing {
namespace {

using MigrationsContractTest = StoreTest;

const std::vector<EmbeddedFile> kFiles = {
    {"shop/V001__create_items.sql",
     "CREATE TABLE items (id TEXT PRIMARY KEY, qty BIGINT NOT NULL);"},
    {"shop/V002__engine.sql", "CREATE TABLE engine (name TEXT NOT NULL);"},
    {"shop/V002__engine.sqlite.sql",
     "CREATE TABLE engine (name TEXT NOT NULL);\nINSERT INTO engine (name) VALUES ('sqlite');"},
    {"shop/V002__engine.postgres.sql",
     "CREATE TABLE engine (name TEXT NOT NULL);\nINSERT INTO engine (name) VALUES ('postgres');"},
    {"shop/V010__seed.sql", "INSERT INTO items (id, qty) VALUES ('a', 1), ('b', 2);"},
    {"other/V001__unrelated.sql", "CREATE TABLE unrelated (x INTEGER);"},
};

TEST_P(MigrationsContractTest, AppliesOnceAndRecordsEachVersion) {
  const auto migrations = migrationsFor("shop", db().dialect(), kFiles);
  EXPECT_EQ(applyMigrations(db(), migrations), 3);
  EXPECT_EQ(applyMigrations(db(), migrations), 0);

  const auto recorded =
      db().execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_EQ(recorded.rows.size(), 3u);
  EXPECT_EQ(recorded.rows[0].get<int>("version"), 1);
  EXPECT_EQ(recorded.rows[0].get<std::string>("name"), "create_items");
  EXPECT_EQ(recorded.rows[1].get<int>("version"), 2);
  EXPECT_EQ(recorded.rows[2].get<int>("version"), 10);
  EXPECT_EQ(recorded.rows[2].get<std::string>("name"), "seed");
  EXPECT_TRUE(recorded.rows[0].get<std::string>("applied_at").ends_with("Z"));
  EXPECT_EQ(db().execute("SELECT COUNT(*) FROM items").one().get<int>(0), 2);
  EXPECT_THROW(db().execute("SELECT * FROM unrelated"), StatementError);
}

TEST_P(MigrationsContractTest, AppliesOnlyWhatIsNew) {
  auto all = migrationsFor("shop", db().dialect(), kFiles);
  const std::vector<Migration> firstTwo(all.begin(), all.begin() + 2);
  EXPECT_EQ(applyMigrations(db(), firstTwo), 2);
  EXPECT_EQ(applyMigrations(db(), all), 1);
  EXPECT_EQ(db().execute("SELECT COUNT(*) FROM schema_migrations").one().get<int>(0), 3);
}

TEST_P(MigrationsContractTest, DialectTwinReplacesThePlainFile) {
  applyMigrations(db(), migrationsFor("shop", db().dialect(), kFiles));
  const auto engine = db().execute("SELECT name FROM engine").one().get<std::string>(0);
  EXPECT_EQ(engine, db().dialect() == Dialect::kSqlite ? "sqlite" : "postgres");
}

TEST_P(MigrationsContractTest, FailedMigrationLeavesNoTrace) {
  const std::vector<EmbeddedFile> files = {
      {"shop/V001__ok.sql", "CREATE TABLE ok (id INTEGER PRIMARY KEY);"},
      {"shop/V002__broken.sql",
       "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO ok (id) VALUES (1);\n"
       "INSERT INTO no_such_table (id) VALUES (1);"},
  };
  try {
    applyMigrations(db(), migrationsFor("shop", db().dialect(), files));
    FAIL() << "no exception";
  } catch (const StatementError& e) {
    EXPECT_NE(std::string(e.what()).find("V002__broken"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db().execute("SELECT version FROM schema_migrations").one().get<int>(0), 1);
  EXPECT_THROW(db().execute("SELECT * FROM half"), StatementError);
  EXPECT_EQ(db().execute("SELECT COUNT(*) FROM ok").one().get<int>(0), 0);
}

// Two replicas starting together: each migration must run exactly once. V001 is not
// idempotent, so running it twice would fail one of the two.
TEST_P(MigrationsContractTest, ConcurrentRunnersApplyEachMigrationOnce) {
  std::vector<EmbeddedFile> files;
  for (int v = 1; v <= 8; ++v) {
    const std::string n = std::to_string(v);
    files.push_back({"shop/V00" + n + "__step" + n + ".sql",
                     v == 1 ? "CREATE TABLE log (step INTEGER NOT NULL);"
                            : "INSERT INTO log (step) VALUES (" + n + ");"});
  }
  const auto migrations = migrationsFor("shop", db().dialect(), files);
  auto second = openScope(db().scope());
  int appliedByFirst = 0;
  int appliedBySecond = 0;
  {
    std::jthread a([&] { appliedByFirst = applyMigrations(db(), migrations); });
    std::jthread b([&] { appliedBySecond = applyMigrations(*second, migrations); });
  }
  EXPECT_EQ(appliedByFirst + appliedBySecond, 8);
  EXPECT_EQ(db().execute("SELECT COUNT(*) FROM log").one().get<int>(0), 7);
  EXPECT_EQ(db().execute("SELECT COUNT(*) FROM schema_migrations").one().get<int>(0), 8);
}

// Every migration the services ship, on both engines, from scratch.
TEST_P(MigrationsContractTest, EveryShippedMigrationApplies) {
  for (const auto& service : servicesWithMigrations(embeddedMigrationFiles())) {
    SCOPED_TRACE(service);
    auto fresh = openScope(uniqueScope());
    const auto migrations = migrationsFor(service, fresh->dialect(), embeddedMigrationFiles());
    EXPECT_EQ(applyMigrations(*fresh, migrations), static_cast<int>(migrations.size()));
    EXPECT_EQ(applyMigrations(*fresh, migrations), 0);
  }
}

UM_INSTANTIATE_STORE_SUITE(MigrationsContractTest);

}  // namespace
}  // namespace um::sql::testing

// openServiceDatabase picks the adapter from configuration alone.

#include "adapters/sql/connect.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "store_harness.hpp"

namespace um::sql::testing {
namespace {

TEST(OpenServiceDatabaseTest, NoUrlMeansAnSqliteFilePerService) {
  const auto dir = std::filesystem::temp_directory_path() / ("um-connect-" + uniqueScope());
  {
    StoreOptions options;
    options.dataDir = (dir / "nested" / "data").string();
    auto db = openServiceDatabase(options, "catalog");
    EXPECT_EQ(db->dialect(), Dialect::kSqlite);
    EXPECT_EQ(db->scope(), "catalog");
    db->ping();
    EXPECT_TRUE(std::filesystem::exists(dir / "nested" / "data" / "catalog.db"));
    EXPECT_EQ(db->execute("PRAGMA journal_mode").one().get<std::string>(0), "wal");
    EXPECT_EQ(db->execute("PRAGMA foreign_keys").one().get<int>(0), 1);
  }
  std::filesystem::remove_all(dir);
}

TEST(OpenServiceDatabaseTest, UrlMeansPostgresInASchemaPerService) {
  const std::string url = testDatabaseUrl();
  if (url.empty()) GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
  const std::string scope = uniqueScope();
  {
    StoreOptions options;
    options.databaseUrl = url;
    auto db = openServiceDatabase(options, scope);
    EXPECT_EQ(db->dialect(), Dialect::kPostgres);
    EXPECT_EQ(db->execute("SELECT current_schema()").one().get<std::string>(0), scope);
  }
  makeHarness(Backend::kPostgres)->dropScope(scope);
}

}  // namespace
}  // namespace um::sql::testing

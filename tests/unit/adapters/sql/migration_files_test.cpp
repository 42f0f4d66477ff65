#include <gtest/gtest.h>

#include "adapters/sql/migrations.hpp"

namespace um::sql {
namespace {

std::vector<int> versions(const std::vector<Migration>& ms) {
  std::vector<int> out;
  for (const auto& m : ms) out.push_back(m.version);
  return out;
}

TEST(MigrationFilesTest, OrdersByVersionNumberNotByName) {
  const std::vector<EmbeddedFile> files = {
      {"auth/V010__ten.sql", "10"}, {"auth/V2__two.sql", "2"}, {"auth/V001__one.sql", "1"}};
  const auto ms = migrationsFor("auth", Dialect::kSqlite, files);
  EXPECT_EQ(versions(ms), (std::vector<int>{1, 2, 10}));
  EXPECT_EQ(ms[0].name, "one");
  EXPECT_EQ(ms[0].sql, "1");
}

TEST(MigrationFilesTest, PlainFileServesBothDialects) {
  const std::vector<EmbeddedFile> files = {{"auth/V001__users.sql", "plain"}};
  EXPECT_EQ(migrationsFor("auth", Dialect::kSqlite, files).at(0).sql, "plain");
  EXPECT_EQ(migrationsFor("auth", Dialect::kPostgres, files).at(0).sql, "plain");
}

TEST(MigrationFilesTest, TwinReplacesThePlainFileForItsDialectOnly) {
  const std::vector<EmbeddedFile> files = {{"auth/V001__users.sql", "plain"},
                                           {"auth/V001__users.postgres.sql", "pg"}};
  EXPECT_EQ(migrationsFor("auth", Dialect::kSqlite, files).at(0).sql, "plain");
  const auto pg = migrationsFor("auth", Dialect::kPostgres, files);
  ASSERT_EQ(pg.size(), 1u);
  EXPECT_EQ(pg[0].sql, "pg");
  EXPECT_EQ(pg[0].name, "users");
}

TEST(MigrationFilesTest, TwoTwinsNeedNoPlainFile) {
  const std::vector<EmbeddedFile> files = {{"auth/V001__users.sqlite.sql", "lite"},
                                           {"auth/V001__users.postgres.sql", "pg"}};
  EXPECT_EQ(migrationsFor("auth", Dialect::kSqlite, files).at(0).sql, "lite");
  EXPECT_EQ(migrationsFor("auth", Dialect::kPostgres, files).at(0).sql, "pg");
}

TEST(MigrationFilesTest, AVersionMissingForOneDialectIsRefusedForBoth) {
  const std::vector<EmbeddedFile> files = {{"auth/V001__users.sqlite.sql", "lite"}};
  EXPECT_THROW(migrationsFor("auth", Dialect::kSqlite, files), Error);
  EXPECT_THROW(migrationsFor("auth", Dialect::kPostgres, files), Error);
}

TEST(MigrationFilesTest, TwoFilesWithOneVersionAreRefused) {
  EXPECT_THROW(migrationsFor("auth", Dialect::kSqlite,
                             {{"auth/V001__users.sql", ""}, {"auth/V1__roles.sql", ""}}),
               Error);
  EXPECT_THROW(migrationsFor("auth", Dialect::kSqlite,
                             {{"auth/V001__users.sql", ""}, {"auth/V001__roles.sqlite.sql", ""}}),
               Error);
  EXPECT_THROW(migrationsFor("auth", Dialect::kSqlite,
                             {{"auth/V001__users.sql", ""}, {"auth/V01__users.sql", ""}}),
               Error);
}

TEST(MigrationFilesTest, MalformedNamesAreRefused) {
  for (const char* bad :
       {"auth/V001_users.sql", "auth/001__users.sql", "auth/V001__.sql", "auth/V000__zero.sql",
        "auth/V001__users.mysql.sql", "auth/v001__users.sql", "auth/V001__us-ers.sql",
        "auth/sub/V001__users.sql", "auth/README.sql"}) {
    EXPECT_THROW(migrationsFor("auth", Dialect::kSqlite, {{bad, ""}}), Error) << bad;
  }
}

TEST(MigrationFilesTest, RefusalIsAnInternalErrorWithAStableCode) {
  try {
    migrationsFor("auth", Dialect::kSqlite, {{"auth/oops.sql", ""}});
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInternal);
    EXPECT_EQ(e.code(), "invalid_migration");
    EXPECT_NE(std::string(e.what()).find("auth/oops.sql"), std::string::npos);
  }
}

TEST(MigrationFilesTest, OnlyTheServicesOwnFolderCounts) {
  const std::vector<EmbeddedFile> files = {
      {"auth/V001__a.sql", "auth"}, {"authz/V001__b.sql", "authz"}, {"authz/garbage.sql", ""}};
  const auto ms = migrationsFor("auth", Dialect::kSqlite, files);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].sql, "auth");
  EXPECT_TRUE(migrationsFor("cart", Dialect::kSqlite, files).empty());
}

TEST(MigrationFilesTest, ServicesAreListedOnceInOrder) {
  const std::vector<EmbeddedFile> files = {{"user/V001__a.sql", ""},
                                           {"auth/V001__a.sql", ""},
                                           {"user/V002__b.sql", ""},
                                           {"stray.sql", ""}};
  EXPECT_EQ(servicesWithMigrations(files), (std::vector<std::string>{"auth", "user"}));
}

TEST(MigrationFilesTest, ShippedMigrationsAreWellFormed) {
  for (const auto& service : servicesWithMigrations(embeddedMigrationFiles())) {
    for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
      EXPECT_NO_THROW(migrationsFor(service, d, embeddedMigrationFiles())) << service;
    }
  }
}

}  // namespace
}  // namespace um::sql

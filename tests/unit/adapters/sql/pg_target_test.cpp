#include <gtest/gtest.h>

#include "adapters/sql/postgres/pg_connection.hpp"

namespace um::sql {
namespace {

TEST(PgTargetTest, RemembersThePasswordOnlyToScrubIt) {
  const auto target =
      PgTarget::parse("postgresql://shop:s3cr%21t@db.internal:5432/shop", std::chrono::seconds(5));
  EXPECT_EQ(target.password, "s3cr!t");
  EXPECT_EQ(target.scrub("FATAL: s3cr!t rejected, s3cr!t"), "FATAL: *** rejected, ***");
}

TEST(PgTargetTest, WithoutAPasswordNothingIsScrubbed) {
  const auto target =
      PgTarget::parse("postgresql://postgres@127.0.0.1:5432/x", std::chrono::seconds(5));
  EXPECT_EQ(target.scrub("unchanged"), "unchanged");
}

TEST(PgTargetTest, MalformedUrlErrorDoesNotEchoIt) {
  try {
    PgTarget::parse("postgresql://shop:topsecret@host:port/db?bogus=1", std::chrono::seconds(5));
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "invalid_database_url");
    EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos);
  }
}

}  // namespace
}  // namespace um::sql

#include "core/http/target.hpp"

#include <gtest/gtest.h>

namespace um::http {
namespace {

TEST(TargetTest, SplitsPathAndDecodesQuery) {
  std::string path;
  std::map<std::string, std::string> query;
  splitTarget("/v2/search?q=red+shoe&brand=Acme%20Co&limit=5&q=ignored", path, query);
  EXPECT_EQ(path, "/v2/search");
  EXPECT_EQ(query.at("q"), "red shoe");
  EXPECT_EQ(query.at("brand"), "Acme Co");
  EXPECT_EQ(query.at("limit"), "5");
}

TEST(TargetTest, MalformedEscapeIsKeptVerbatim) {
  std::string path;
  std::map<std::string, std::string> query;
  splitTarget("/a%2?x=%zz&flag", path, query);
  EXPECT_EQ(path, "/a%2");
  EXPECT_EQ(query.at("x"), "%zz");
  EXPECT_EQ(query.at("flag"), "");
}

TEST(TargetTest, PercentDecodeRejectsTruncatedEscape) {
  EXPECT_FALSE(percentDecode("%4", false));
  EXPECT_EQ(percentDecode("%41+", false), "A+");
  EXPECT_EQ(percentDecode("%41+", true), "A ");
}

}  // namespace
}  // namespace um::http

#include "core/clock.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"

namespace um {
namespace {

TEST(ClockTest, FormatsAndParsesRfc3339InUtc) {
  auto t = parseRfc3339("2026-11-25T12:30:05.250Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(formatRfc3339(*t), "2026-11-25T12:30:05.250Z");
  EXPECT_EQ(parseRfc3339("2026-11-25T14:30:05.250+02:00"), t);
  EXPECT_EQ(formatRfc3339(*parseRfc3339("2026-11-25")), "2026-11-25T00:00:00.000Z");
}

TEST(ClockTest, RejectsMalformedDates) {
  EXPECT_FALSE(parseRfc3339("2026-13-01"));
  EXPECT_FALSE(parseRfc3339("2026-02-30"));
  EXPECT_FALSE(parseRfc3339("yesterday"));
  EXPECT_FALSE(parseRfc3339("2026-11-25T12:30"));
  EXPECT_FALSE(parseRfc3339("2026-11-25T12:30:00"));
}

TEST(IdsTest, UuidV7SortsByCreation) {
  auto a = newId();
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '7');
  auto b = newId();
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace um

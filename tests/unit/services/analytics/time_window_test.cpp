#include "services/analytics/domain/time_window.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace um::analytics {
namespace {

TimePoint at(const char* text) {
  return *parseRfc3339(text);
}

TEST(TimeWindowTest, DefaultsToTheLastThirtyDays) {
  const auto now = at("2026-03-31T12:00:00Z");
  const auto w = windowFrom(std::nullopt, std::nullopt, now);
  EXPECT_EQ(w.to, now);
  EXPECT_EQ(formatRfc3339(w.from), "2026-03-01T12:00:00.000Z");
}

TEST(TimeWindowTest, ABareToDateIncludesThatWholeDay) {
  const auto w = windowFrom("2026-01-01", "2026-01-31", at("2026-06-01T00:00:00Z"));
  EXPECT_EQ(formatRfc3339(w.from), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(formatRfc3339(w.to), "2026-02-01T00:00:00.000Z");
  const auto days = daysOf(w);
  ASSERT_EQ(days.size(), 31u);
  EXPECT_EQ(days.front(), "2026-01-01");
  EXPECT_EQ(days.back(), "2026-01-31");
}

TEST(TimeWindowTest, DateTimesAreExactBounds) {
  const auto w = windowFrom("2026-01-01T10:00:00Z", "2026-01-02T00:00:00Z", at("2026-06-01T00:00:00Z"));
  EXPECT_EQ(daysOf(w), (std::vector<std::string>{"2026-01-01"}));
}

TEST(TimeWindowTest, RefusesMalformedReversedAndHugeWindowsNamingTheField) {
  const auto now = at("2026-06-01T00:00:00Z");
  auto fieldOf = [&](std::optional<std::string> from, std::optional<std::string> to) -> std::string {
    try {
      windowFrom(from, to, now);
    } catch (const Error& e) {
      return e.field().value_or("");
    }
    return "accepted";
  };
  EXPECT_EQ(fieldOf("yesterday", std::nullopt), "from");
  EXPECT_EQ(fieldOf(std::nullopt, "2026-13-45"), "to");
  EXPECT_EQ(fieldOf("2026-02-01", "2026-01-01"), "from");
  EXPECT_EQ(fieldOf("2020-01-01", "2026-01-01"), "from");
}

}  // namespace
}  // namespace um::analytics

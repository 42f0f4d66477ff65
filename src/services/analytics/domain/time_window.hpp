#pragma once

// The [from, to) window of a summary, from the query's RFC 3339 values.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace um::analytics {

struct TimeWindow {
  TimePoint from;
  TimePoint to;  // exclusive
};

inline constexpr int kDefaultWindowDays = 30;
inline constexpr int kMaxWindowDays = 731;

// `from` and `to` as the client sent them (absent → the last 30 days up to now). A bare date
// as `to` means the end of that day, so from=2026-01-01&to=2026-01-31 covers all of January.
// Throws Error::validation naming the field: malformed, from not before to, or more than
// kMaxWindowDays.
TimeWindow windowFrom(const std::optional<std::string>& from, const std::optional<std::string>& to,
                      TimePoint now);

// "YYYY-MM-DD" of each UTC day the window touches, in order.
std::vector<std::string> daysOf(const TimeWindow& window);

// The UTC date of an RFC 3339 timestamp: its first ten characters.
std::string dayOf(const std::string& rfc3339);

}  // namespace um::analytics

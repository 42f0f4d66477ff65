#include "services/analytics/domain/time_window.hpp"

#include <chrono>

#include "core/error.hpp"

namespace um::analytics {

namespace {

bool isBareDate(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

TimePoint parseOrThrow(const std::string& field, const std::string& text) {
  auto t = parseRfc3339(text);
  if (!t) {
    throw Error::validation(field, field + " must be an RFC 3339 date or date-time, like 2026-01-31 "
                                           "or 2026-01-31T12:00:00Z");
  }
  return *t;
}

}  // namespace

TimeWindow windowFrom(const std::optional<std::string>& from, const std::optional<std::string>& to,
                      TimePoint now) {
  TimeWindow w;
  if (to && !to->empty()) {
    w.to = parseOrThrow("to", *to);
    if (isBareDate(*to)) w.to += std::chrono::days(1);
  } else {
    w.to = now;
  }
  if (from && !from->empty()) {
    w.from = parseOrThrow("from", *from);
  } else {
    w.from = w.to - std::chrono::days(kDefaultWindowDays);
  }
  if (w.from >= w.to) throw Error::validation("from", "from must be before to");
  if (w.to - w.from > std::chrono::days(kMaxWindowDays)) {
    throw Error::validation("from", "the window may span at most " + std::to_string(kMaxWindowDays) + " days");
  }
  return w;
}

std::vector<std::string> daysOf(const TimeWindow& window) {
  std::vector<std::string> out;
  auto day = std::chrono::floor<std::chrono::days>(window.from);
  const auto last = std::chrono::floor<std::chrono::days>(window.to - std::chrono::milliseconds(1));
  for (; day <= last; day += std::chrono::days(1)) {
    out.push_back(formatRfc3339(TimePoint(day)).substr(0, 10));
  }
  return out;
}

std::string dayOf(const std::string& rfc3339) {
  return rfc3339.substr(0, 10);
}

}  // namespace um::analytics

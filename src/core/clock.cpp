#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace um {

const Clock& systemClock() {
  static const SystemClock clock;
  return clock;
}

std::string formatRfc3339(TimePoint t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  if (ms < 0 && ms % 1000 != 0) --secs;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(((ms % 1000) + 1000) % 1000));
  return buf;
}

std::optional<TimePoint> parseRfc3339(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string str(text);
  int consumed = 0;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) {
    return std::nullopt;
  }
  std::size_t pos = 10;
  long offsetSeconds = 0;
  int millis = 0;
  if (pos < str.size()) {
    if (str[pos] != 'T' && str[pos] != 't') return std::nullopt;
    if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &consumed) != 3 ||
        consumed != 8) {
      return std::nullopt;
    }
    pos += 9;
    if (pos < str.size() && str[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < str.size() && std::isdigit(static_cast<unsigned char>(str[pos]))) {
        if (digits < 3) millis = millis * 10 + (str[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (; digits < 3; ++digits) millis *= 10;
    }
    if (pos >= str.size()) return std::nullopt;
    if (str[pos] == 'Z' || str[pos] == 'z') {
      ++pos;
    } else if (str[pos] == '+' || str[pos] == '-') {
      int oh = 0, om = 0;
      if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d%n", &oh, &om, &consumed) != 2 ||
          consumed != 5) {
        return std::nullopt;
      }
      offsetSeconds = (oh * 3600L + om * 60L) * (str[pos] == '+' ? 1 : -1);
      pos += 6;
    } else {
      return std::nullopt;
    }
    if (pos != str.size()) return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  TimePoint t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis};
  return t - seconds{offsetSeconds};
}

}  // namespace um

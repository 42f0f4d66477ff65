#pragma once

// Time comes through a Clock so tests can move it (token expiry, reservations) without sleeping.

#include <chrono>
#include <optional>
#include <string_view>
#include <string>

namespace um {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// Shared process-wide system clock.
const Clock& systemClock();

// RFC 3339 in UTC with millisecond precision: "2026-11-25T12:00:00.123Z".
std::string formatRfc3339(TimePoint t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; nullopt when malformed.
std::optional<TimePoint> parseRfc3339(std::string_view text);

}  // namespace um

#pragma once

#include <atomic>
#include <chrono>

#include "core/clock.hpp"

namespace um::auth::testing {

// A clock the test moves by hand, starting on a whole second so boundaries are exact.
class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(std::chrono::seconds d) { now_ = now_.load() + d; }
  std::int64_t seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
  }

 private:
  std::atomic<TimePoint> now_{TimePoint{} + std::chrono::seconds(1'800'000'000)};
};

}  // namespace um::auth::testing

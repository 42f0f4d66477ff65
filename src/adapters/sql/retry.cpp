#include "adapters/sql/retry.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace um::sql {

void backoffBeforeRetry(int attempt) {
  constexpr std::int64_t kBaseMicros = 1000;
  constexpr std::int64_t kCapMicros = 100'000;
  const int shift = std::clamp(attempt - 1, 0, 16);
  const std::int64_t ceiling = std::min(kCapMicros, kBaseMicros << shift);
  thread_local std::minstd_rand rng{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> pick(ceiling / 4, ceiling);
  std::this_thread::sleep_for(std::chrono::microseconds(pick(rng)));
}

}  // namespace um::sql

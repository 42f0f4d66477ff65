#include "adapters/kv/sql/expiry_sweeper.hpp"

#include "core/log.hpp"

namespace um::kv {

namespace {
constexpr std::int64_t kBatch = 500;
}

ExpirySweeper::ExpirySweeper(SqlKvStore& store, std::chrono::milliseconds interval)
    : store_(store), task_("key expiry sweep", interval, [this] {
        if (const auto n = sweepOnce(); n > 0) log::debug("expired keys purged", {{"count", n}});
      }) {}

std::int64_t ExpirySweeper::sweepOnce() {
  std::int64_t total = 0;
  // Batches keep each statement (and SQLite's write lock) short after a long downtime.
  for (;;) {
    const auto n = store_.purgeExpired(kBatch);
    total += n;
    if (n < kBatch) break;
  }
  return total;
}

}  // namespace um::kv

#include "adapters/kv/sql/expiry_sweeper.hpp"

#include "core/log.hpp"

namespace um::kv {

namespace {
constexpr std::int64_t kBatch = 500;
}

ExpirySweeper::ExpirySweeper(SqlKvStore& store, std::chrono::milliseconds interval)
    : store_(store), interval_(interval) {}

ExpirySweeper::~ExpirySweeper() {
  stop();
}

void ExpirySweeper::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ExpirySweeper::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_all();
  if (thread.joinable()) thread.join();
}

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

void ExpirySweeper::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wakeup_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    try {
      if (const auto n = sweepOnce(); n > 0) log::debug("expired keys purged", {{"count", n}});
    } catch (const std::exception& e) {
      // The store may be briefly down; the next pass retries.
      log::warn("key expiry sweep failed", {{"error", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace um::kv

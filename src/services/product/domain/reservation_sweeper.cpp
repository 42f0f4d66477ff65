#include "services/product/domain/reservation_sweeper.hpp"

#include "core/log.hpp"

namespace um::product {

ReservationSweeper::ReservationSweeper(Catalog& catalog, std::chrono::milliseconds interval)
    : catalog_(catalog), interval_(interval) {}

ReservationSweeper::~ReservationSweeper() { stop(); }

void ReservationSweeper::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ReservationSweeper::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_all();
  if (thread.joinable()) thread.join();
}

int ReservationSweeper::sweepOnce() {
  int total = 0;
  // Batches, so a backlog after downtime is cleared in one pass without one huge query.
  for (;;) {
    const int released = catalog_.releaseExpired();
    total += released;
    if (released < 500) break;
  }
  return total;
}

void ReservationSweeper::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wakeup_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    try {
      if (const int n = sweepOnce(); n > 0) {
        log::info("expired reservations released", {{"count", n}});
      }
    } catch (const std::exception& e) {
      // The store may be briefly down; the next pass retries.
      log::warn("reservation sweep failed", {{"error", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace um::product

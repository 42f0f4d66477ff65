#include "services/order/domain/order_sweeper.hpp"

#include "core/log.hpp"

namespace um::order {

OrderSweeper::OrderSweeper(OrderService& orders, std::chrono::milliseconds interval)
    : orders_(orders), interval_(interval) {}

OrderSweeper::~OrderSweeper() { stop(); }

void OrderSweeper::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void OrderSweeper::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_all();
  if (thread.joinable()) thread.join();
}

void OrderSweeper::sweepOnce() {
  if (const int n = orders_.cancelExpired(); n > 0) log::info("unpaid orders expired", {{"count", n}});
  if (const int n = orders_.retryStalledEffects(); n > 0) log::info("order effects retried", {{"count", n}});
}

void OrderSweeper::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wakeup_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    try {
      sweepOnce();
    } catch (const std::exception& e) {
      // The store may be briefly down; the next pass retries.
      log::warn("order sweep failed", {{"error", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace um::order

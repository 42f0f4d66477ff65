#include "services/payment/domain/reconciler.hpp"

#include "core/log.hpp"

namespace um::payment {

Reconciler::Reconciler(PaymentService& payments, std::chrono::milliseconds interval)
    : payments_(payments), interval_(interval) {}

Reconciler::~Reconciler() { stop(); }

void Reconciler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Reconciler::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_all();
  if (thread.joinable()) thread.join();
}

void Reconciler::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      if (const int n = payments_.reconcile(); n > 0) log::info("payments reconciled", {{"count", n}});
    } catch (const std::exception& e) {
      log::warn("payment reconciliation failed", {{"error", e.what()}});
    }
    lock.lock();
    wakeup_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace um::payment

#include "core/periodic_task.hpp"

#include "core/log.hpp"

namespace um {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval,
                           std::function<void()> pass, FirstPass first)
    : name_(std::move(name)), interval_(interval), pass_(std::move(pass)), first_(first) {}

PeriodicTask::~PeriodicTask() { stop(); }

void PeriodicTask::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PeriodicTask::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_all();
  if (thread.joinable()) thread.join();
}

void PeriodicTask::run() {
  std::unique_lock lock(mutex_);
  bool waited = first_ == FirstPass::kAfterInterval;
  while (!stopping_) {
    if (waited) wakeup_.wait_for(lock, interval_, [this] { return stopping_; });
    waited = true;
    if (stopping_) break;
    lock.unlock();
    try {
      pass_();
    } catch (const std::exception& e) {
      log::warn("background pass failed", {{"task", name_}, {"error", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace um

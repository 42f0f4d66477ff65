#pragma once

// The in-process queue for SQLite's single writer. A plain mutex with a bounded wait, built
// on a condition variable rather than std::timed_mutex: g++ 12's timed_mutex waits with
// pthread_mutex_clocklock, which ThreadSanitizer does not see, so every use would be
// reported and real races around it hidden.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>

namespace um::sql {

class WriteLock {
 public:
  // Unlocks on destruction.
  class Held {
   public:
    explicit Held(WriteLock* lock) : lock_(lock) {}
    Held(Held&& other) noexcept : lock_(std::exchange(other.lock_, nullptr)) {}
    Held& operator=(Held&&) = delete;
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    ~Held() {
      if (lock_ != nullptr) lock_->unlock();
    }

   private:
    WriteLock* lock_;
  };

  // Throws StoreUnavailable after `timeout`.
  Held acquire(std::chrono::milliseconds timeout, const std::string& what);

 private:
  void unlock();

  std::mutex mutex_;
  std::condition_variable free_;
  bool held_ = false;
};

}  // namespace um::sql

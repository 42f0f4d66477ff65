#include "adapters/sql/sqlite/write_lock.hpp"

#include "adapters/sql/database.hpp"

namespace um::sql {

WriteLock::Held WriteLock::acquire(std::chrono::milliseconds timeout, const std::string& what) {
  std::unique_lock lock(mutex_);
  if (!free_.wait_for(lock, timeout, [&] { return !held_; })) {
    throw StoreUnavailable("SQLite write lock of " + what + " not free after " +
                           std::to_string(timeout.count()) + " ms");
  }
  held_ = true;
  return Held(this);
}

void WriteLock::unlock() {
  {
    std::lock_guard lock(mutex_);
    held_ = false;
  }
  free_.notify_one();
}

}  // namespace um::sql

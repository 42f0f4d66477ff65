#pragma once

// Active expiry for SqlKvStore: deletes expired rows in the background so keys nobody reads
// again (abandoned guest carts) do not pile up. Redis expires keys itself; this exists only
// for the embedded adapter.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "adapters/kv/sql/sql_kv_store.hpp"

namespace um::kv {

class ExpirySweeper {
 public:
  ExpirySweeper(SqlKvStore& store, std::chrono::milliseconds interval);
  ~ExpirySweeper();
  ExpirySweeper(const ExpirySweeper&) = delete;
  ExpirySweeper& operator=(const ExpirySweeper&) = delete;

  void start();
  void stop();  // idempotent; returns once the thread has finished
  // One full pass on the calling thread; returns how many keys it deleted.
  std::int64_t sweepOnce();

 private:
  void run();

  SqlKvStore& store_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace um::kv

#pragma once

// Active expiry for SqlKvStore: deletes expired rows in the background so keys nobody reads
// again (abandoned guest carts) do not pile up. Redis expires keys itself; this exists only
// for the embedded adapter.

#include <chrono>
#include <cstdint>

#include "adapters/kv/sql/sql_kv_store.hpp"
#include "core/periodic_task.hpp"

namespace um::kv {

class ExpirySweeper {
 public:
  ExpirySweeper(SqlKvStore& store, std::chrono::milliseconds interval);

  void start() { task_.start(); }
  void stop() { task_.stop(); }  // idempotent; returns once the pass in flight has finished
  // One full pass on the calling thread; returns how many keys it deleted.
  std::int64_t sweepOnce();

 private:
  SqlKvStore& store_;
  PeriodicTask task_;
};

}  // namespace um::kv

#pragma once

// Releases reservations whose time ran out (a checkout abandoned mid-way, a process killed
// before it could release), so held stock returns to sale without anyone asking.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/product/domain/catalog.hpp"

namespace um::product {

class ReservationSweeper {
 public:
  ReservationSweeper(Catalog& catalog, std::chrono::milliseconds interval);
  ~ReservationSweeper();

  void start();
  void stop();  // idempotent; returns once the thread has finished
  // One pass on the calling thread; returns how many reservations it released.
  int sweepOnce();

 private:
  void run();

  Catalog& catalog_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace um::product

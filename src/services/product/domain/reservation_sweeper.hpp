#pragma once

// Releases reservations whose time ran out (a checkout abandoned mid-way, a process killed
// before it could release), so held stock returns to sale without anyone asking.

#include <chrono>

#include "core/periodic_task.hpp"
#include "services/product/domain/catalog.hpp"

namespace um::product {

class ReservationSweeper {
 public:
  ReservationSweeper(Catalog& catalog, std::chrono::milliseconds interval);

  void start() { task_.start(); }
  void stop() { task_.stop(); }  // idempotent; returns once the pass in flight has finished
  // One pass on the calling thread; returns how many reservations it released.
  int sweepOnce();

 private:
  Catalog& catalog_;
  PeriodicTask task_;
};

}  // namespace um::product

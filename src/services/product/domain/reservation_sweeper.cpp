#include "services/product/domain/reservation_sweeper.hpp"

#include "core/log.hpp"

namespace um::product {

ReservationSweeper::ReservationSweeper(Catalog& catalog, std::chrono::milliseconds interval)
    : catalog_(catalog), task_("reservation sweep", interval, [this] {
        if (const int n = sweepOnce(); n > 0) {
          log::info("expired reservations released", {{"count", n}});
        }
      }) {}

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

}  // namespace um::product

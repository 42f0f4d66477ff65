#include "services/order/domain/order_sweeper.hpp"

#include "core/log.hpp"

namespace um::order {

OrderSweeper::OrderSweeper(OrderService& orders, std::chrono::milliseconds interval)
    : orders_(orders), task_("order sweep", interval, [this] { sweepOnce(); }) {}

void OrderSweeper::sweepOnce() {
  if (const int n = orders_.cancelExpired(); n > 0) log::info("unpaid orders expired", {{"count", n}});
  if (const int n = orders_.retryStalledEffects(); n > 0) log::info("order effects retried", {{"count", n}});
}

}  // namespace um::order

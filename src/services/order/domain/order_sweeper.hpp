#pragma once

// Background passes of the order service: cancels orders left unpaid past their
// reservation's expiry (stock released, payment voided), and retries work owed to other
// services that failed earlier (a peer was down).

#include <chrono>

#include "core/periodic_task.hpp"
#include "services/order/domain/order_service.hpp"

namespace um::order {

class OrderSweeper {
 public:
  OrderSweeper(OrderService& orders, std::chrono::milliseconds interval);

  void start() { task_.start(); }
  void stop() { task_.stop(); }  // idempotent; returns once the pass in flight has finished
  void sweepOnce();

 private:
  OrderService& orders_;
  PeriodicTask task_;
};

}  // namespace um::order

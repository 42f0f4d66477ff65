#pragma once

// Background passes of the order service: cancels orders left unpaid past their
// reservation's expiry (stock released, payment voided), and retries work owed to other
// services that failed earlier (a peer was down).

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/order/domain/order_service.hpp"

namespace um::order {

class OrderSweeper {
 public:
  OrderSweeper(OrderService& orders, std::chrono::milliseconds interval);
  ~OrderSweeper();

  void start();
  void stop();  // idempotent; returns once the thread has finished
  void sweepOnce();

 private:
  void run();

  OrderService& orders_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace um::order

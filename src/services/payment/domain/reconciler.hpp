#pragma once

// Asks the providers about payments and refunds left pending too long, so a lost webhook
// or a process killed between the provider's answer and our record cannot strand a paid
// order. Runs once at start (that is when interrupted work is found) and then periodically.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/payment/domain/payment_service.hpp"

namespace um::payment {

class Reconciler {
 public:
  Reconciler(PaymentService& payments, std::chrono::milliseconds interval);
  ~Reconciler();

  void start();
  void stop();  // idempotent; returns once the thread has finished

 private:
  void run();

  PaymentService& payments_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace um::payment

#pragma once

// Asks the providers about payments and refunds left pending too long, so a lost webhook
// or a process killed between the provider's answer and our record cannot strand a paid
// order. Runs once at start (that is when interrupted work is found) and then periodically.

#include <chrono>

#include "core/periodic_task.hpp"
#include "services/payment/domain/payment_service.hpp"

namespace um::payment {

class Reconciler {
 public:
  Reconciler(PaymentService& payments, std::chrono::milliseconds interval);

  void start() { task_.start(); }
  void stop() { task_.stop(); }  // idempotent; returns once the pass in flight has finished

 private:
  PaymentService& payments_;
  PeriodicTask task_;
};

}  // namespace um::payment

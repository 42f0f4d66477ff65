#include "services/payment/domain/reconciler.hpp"

#include "core/log.hpp"

namespace um::payment {

Reconciler::Reconciler(PaymentService& payments, std::chrono::milliseconds interval)
    : payments_(payments),
      task_(
          "payment reconciliation", interval,
          [this] {
            if (const int n = payments_.reconcile(); n > 0) {
              log::info("payments reconciled", {{"count", n}});
            }
          },
          PeriodicTask::FirstPass::kAtStart) {}

}  // namespace um::payment

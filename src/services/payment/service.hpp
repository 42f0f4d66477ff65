#pragma once

#include "core/service_context.hpp"

namespace um::payment {

// Wires payments: SQL store, the providers (test always; Stripe and PayPal when configured
// and switched on), webhook and admin routes, the payment::Client for the order service
// and the reconciler.
void registerPaymentService(ServiceContext& ctx);

}  // namespace um::payment

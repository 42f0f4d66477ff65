#pragma once

// The payment service's HTTP face: the providers' webhooks (no authentication: each is
// verified by its signature) and the admins' view of payments.

#include <memory>

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"

namespace um {
class Clock;
}

namespace um::payment {

class PaymentService;

void addPaymentRoutes(http::Router& router, std::shared_ptr<PaymentService> payments,
                      const http::Authenticator& authenticator, const Clock& clock);

}  // namespace um::payment

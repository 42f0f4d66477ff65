#pragma once

// The payment service's HTTP face: the providers' webhooks (no authentication: each is
// verified by its signature), what the storefront may offer at checkout, and the admins'
// view of payments.

#include <memory>
#include <string>
#include <vector>

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"

namespace um {
class Clock;
}

namespace um::payment {

class PaymentService;

// What GET /v2/payments/config tells the storefront; public by nature (no secrets).
struct CheckoutOptions {
  std::vector<std::string> providers;  // those taking new payments
  std::string stripePublishableKey;    // empty when not configured
};

void addPaymentRoutes(http::Router& router, std::shared_ptr<PaymentService> payments,
                      CheckoutOptions checkout, const http::Authenticator& authenticator,
                      const Clock& clock);

}  // namespace um::payment

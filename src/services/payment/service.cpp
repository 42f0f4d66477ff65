#include "services/payment/service.hpp"

#include <csignal>
#include <cstdlib>
#include <memory>

#include "adapters/http_client/http_client.hpp"
#include "adapters/payments/paypal/paypal_provider.hpp"
#include "adapters/payments/stripe/stripe_provider.hpp"
#include "adapters/payments/test/test_provider.hpp"
#include "core/log.hpp"
#include "services/payment/api/payment_routes.hpp"
#include "services/payment/domain/payment_service.hpp"
#include "services/payment/domain/reconciler.hpp"
#include "services/payment/in_process_client.hpp"
#include "services/payment/store/sql_payment_store.hpp"

namespace um::payment {

namespace {

// Test-only fault injection for the crash-safety test (tests/e2e/test_checkout_invariants.py):
// with UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE=1 the process dies by SIGKILL right after the
// provider reported a capture and before anything is recorded, the worst moment there is.
// Ignored unless set; refused in production.
std::function<void()> faultAfterCapture(const Config& config) {
  const char* flag = std::getenv("UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE");
  if (!flag || std::string(flag) != "1") return {};
  if (config.isProduction()) {
    throw ConfigError("UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE: refused when NODE_ENV=production");
  }
  log::warn("fault injection armed: the process dies after the next payment capture");
  return [] {
    log::flush();
    std::raise(SIGKILL);
  };
}

std::chrono::milliseconds reconcileInterval(std::chrono::seconds after) {
  // Often enough that a stale payment waits little beyond `after`, rarely enough to be cheap.
  const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(after) / 2;
  return std::clamp(half, std::chrono::milliseconds(500), std::chrono::milliseconds(15000));
}

struct PaymentComponents {
  explicit PaymentComponents(ServiceContext& ctx)
      : store(ctx.database, ctx.wakeOutbox),
        payments(store, providers, ctx.clock,
                 {ctx.config.checkout.paymentReconcileAfter, faultAfterCapture(ctx.config)}),
        reconciler(payments, reconcileInterval(ctx.config.checkout.paymentReconcileAfter)) {
    const Config& c = ctx.config;
    // The test card pays without moving money: never offered to shoppers in production.
    providers.add(std::make_shared<TestProvider>(ctx.database), !c.isProduction());
    // Production talks to real endpoints only; tests point the base URLs at local fakes.
    auto http = http_client::makeBeastHttpClient();
    StripeOptions stripe{c.stripeSecretKey, c.stripeWebhookSecret, c.stripeApiBase};
    providers.add(std::make_shared<StripeProvider>(http, stripe),
                  c.features.paymentGatewayStripe && !c.stripeSecretKey.empty());
    const std::string base = c.publicUrl.empty()
                                 ? "http://localhost:" + std::to_string(c.port)
                                 : c.publicUrl;
    PaypalOptions paypal{c.paypalClientId, c.paypalClientSecret, c.paypalWebhookId,
                         c.paypalApiBase,  base + "/checkout/paypal/return"};
    providers.add(std::make_shared<PaypalProvider>(http, paypal, ctx.clock),
                  c.features.paymentGatewayPaypal && !c.paypalClientId.empty() &&
                      !c.paypalClientSecret.empty());
  }

  SqlPaymentStore store;
  ProviderRegistry providers;
  PaymentService payments;
  Reconciler reconciler;
};

}  // namespace

void registerPaymentService(ServiceContext& ctx) {
  auto parts = std::make_shared<PaymentComponents>(ctx);
  std::shared_ptr<PaymentService> payments(parts, &parts->payments);
  addPaymentRoutes(ctx.router, payments,
                   {parts->providers.acceptingNewPayments(), ctx.config.stripePublishableKey},
                   ctx.authenticator, ctx.clock);
  ctx.clients.provide<Client>(makeInProcessClient(payments));
  ctx.lifecycle.onStart([parts] { parts->reconciler.start(); });
  ctx.lifecycle.onStop([parts] { parts->reconciler.stop(); });
}

}  // namespace um::payment

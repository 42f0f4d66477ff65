#include "services/notification/service.hpp"

#include <filesystem>
#include <memory>

#include <prometheus/counter.h>

#include "adapters/bus/event_bus.hpp"
#include "adapters/email/mailbox/mailbox_sender.hpp"
#include "adapters/email/sendgrid/sendgrid_sender.hpp"
#include "adapters/email/smtp/smtp_sender.hpp"
#include "adapters/http_client/http_client.hpp"
#include "core/crypto/sealed_box.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "services/auth/client.hpp"
#include "services/notification/api/notification_routes.hpp"
#include "services/notification/domain/dispatcher.hpp"
#include "services/notification/domain/notifier.hpp"
#include "services/notification/store/sql_delivery_store.hpp"

namespace um::notification {

namespace {

std::unique_ptr<email::EmailSender> makeSender(const ServiceContext& ctx) {
  const Config& c = ctx.config;
  const std::string& from = c.notifications.emailFrom;
  if (!c.sendgridApiKey.empty()) {
    return std::make_unique<email::SendGridSender>(
        email::SendGridOptions{c.sendgridApiKey, c.sendgridApiBase, from},
        http_client::makeBeastHttpClient());
  }
  if (!c.smtpUrl.empty()) {
    return std::make_unique<email::SmtpSender>(email::SmtpOptions{c.smtpUrl, from}, ctx.clock);
  }
  return std::make_unique<email::MailboxSender>(std::filesystem::path(ctx.dataDir) / "mailbox", from,
                                                ctx.clock);
}

std::string publicUrlOf(const Config& c) {
  std::string base = c.publicUrl.empty() ? "http://localhost:" + std::to_string(c.port) : c.publicUrl;
  while (base.ends_with('/')) base.pop_back();
  return base;
}

RetryPolicy retryPolicyOf(const NotificationSettings& s) {
  return {s.maxAttempts, s.retryBase, s.retryMax};
}

// Everything the routes, the consumer and the dispatcher share; lives as long as the process.
struct NotificationService {
  explicit NotificationService(ServiceContext& ctx)
      : sender(makeSender(ctx)),
        store(ctx.database),
        outcomes(&prometheus::BuildCounter()
                      .Name("ultramarket_email_deliveries_total")
                      .Help("Email sending attempts, by adapter and outcome (sent, failed, dead)")
                      .Register(ctx.metrics.registry())),
        dispatcher(store, *sender, retryPolicyOf(ctx.config.notifications), ctx.clock, {}, {},
                   [this](const AttemptOutcome& o) {
                     outcomes->Add({{"provider", o.provider}, {"outcome", std::string(toString(o.status))}})
                         .Increment();
                   }),
        resetLinkBox(ctx.config.jwtSecret, auth::kResetLinkSealPurpose),
        notifier(store,
                 {publicUrlOf(ctx.config), "UltraMarket",
                  [this](std::string_view sealed) { return resetLinkBox.open(sealed); }},
                 ctx.clock, [this] { dispatcher.wake(); }) {}

  std::unique_ptr<email::EmailSender> sender;
  SqlDeliveryStore store;
  prometheus::Family<prometheus::Counter>* outcomes;
  DeliveryDispatcher dispatcher;
  crypto::SealedBox resetLinkBox;
  Notifier notifier;
};

// Only what a retry can fix (the store briefly down) is thrown back to the bus, which then
// delivers the event again. Anything else is logged and dropped: a handler that throws for
// good would stop the producing service's outbox behind this one event.
void onEvent(Notifier& notifier, const bus::Event& event) {
  const auto payload = nlohmann::json::parse(event.payload, nullptr, false);
  if (payload.is_discarded()) {
    log::error("notification: unreadable event payload", {{"eventId", event.id}, {"type", event.type}});
    return;
  }
  try {
    notifier.handle(event.id, event.type, payload);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::kUnavailable) throw;
    log::error("notification: event refused",
               {{"eventId", event.id}, {"type", event.type}, {"code", e.code()}, {"error", e.what()}});
  } catch (const std::exception& e) {
    log::error("notification: event refused",
               {{"eventId", event.id}, {"type", event.type}, {"error", e.what()}});
  }
}

}  // namespace

void registerNotificationService(ServiceContext& ctx) {
  auto service = std::make_shared<NotificationService>(ctx);
  log::info("notification email adapter", {{"adapter", service->sender->name()}});

  addNotificationRoutes(ctx.router, std::shared_ptr<Notifier>(service, &service->notifier),
                        ctx.authenticator);

  ctx.bus.subscribe("notification", {"user", "auth", "order"},
                    [service](const bus::Event& event) { onEvent(service->notifier, event); });

  ctx.lifecycle.onStart([service] { service->dispatcher.start(); });
  ctx.lifecycle.onStop([service] { service->dispatcher.stop(); });
}

}  // namespace um::notification

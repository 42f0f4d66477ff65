#pragma once

#include "core/service_context.hpp"

namespace um::notification {

// Wires the notification service: the email adapter chosen by configuration (SENDGRID_API_KEY
// → SendGrid, else SMTP_URL → SMTP, else the mailbox folder under --data-dir), the delivery
// store, the event consumer, the dispatcher and the routes.
void registerNotificationService(ServiceContext& ctx);

}  // namespace um::notification

#pragma once

// GET /v2/notifications (the caller's deliveries), GET /v2/admin/notifications?status and
// POST /v2/admin/notifications/{id}/retry.

#include <memory>

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"
#include "services/notification/domain/notifier.hpp"

namespace um::notification {

void addNotificationRoutes(http::Router& router, std::shared_ptr<Notifier> notifier,
                           const http::Authenticator& authenticator);

}  // namespace um::notification

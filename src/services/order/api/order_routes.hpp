#pragma once

// The order service's HTTP face: checkout and the customer's orders (/v2/orders…) and the
// admins' order desk (/v2/admin/orders…). Thin: parse, call OrderService, serialise.

#include <memory>

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"

namespace um::order {

class OrderService;

void addOrderRoutes(http::Router& router, std::shared_ptr<OrderService> orders,
                    const http::Authenticator& authenticator);
void addAdminOrderRoutes(http::Router& router, std::shared_ptr<OrderService> orders,
                         const http::Authenticator& authenticator);

}  // namespace um::order

#pragma once

// The HTTP face of the user service: /v2/users/me… and /v2/admin/users… (contract: Users).

#include <memory>

#include "core/http/middleware.hpp"
#include "core/http/router.hpp"

namespace um::user {

class UserService;

void addUserRoutes(http::Router& router, const http::Authenticator& authenticator,
                   std::shared_ptr<UserService> users);
void addAdminUserRoutes(http::Router& router, const http::Authenticator& authenticator,
                        std::shared_ptr<UserService> users);

}  // namespace um::user

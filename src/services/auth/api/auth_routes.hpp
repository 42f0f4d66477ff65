#pragma once

#include <memory>

// The HTTP face of the auth service: /v2/auth/* (see the contract's Auth section).

#include "core/http/router.hpp"

namespace um::auth {

class AccountService;

void addAuthRoutes(http::Router& router, std::shared_ptr<AccountService> accounts);

}  // namespace um::auth

#pragma once

// The user service: profiles, addresses, roles, GDPR export/erasure, admin user management.
// Provides user::Client; consumes user.registered from auth.

#include <functional>
#include <memory>

#include "core/service_context.hpp"

namespace um::auth {
class Client;
}

namespace um::user {

class UserService;

void registerUserService(ServiceContext& ctx);

// The user domain over a given store handle (also used by `ultramarket user create`).
// The returned pointer also owns the store.
std::shared_ptr<UserService> buildUserService(sql::Database& database, const Clock& clock,
                                              std::function<auth::Client*()> authClient);

}  // namespace um::user

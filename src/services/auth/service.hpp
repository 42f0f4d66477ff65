#pragma once

// The auth service: credentials (argon2id), access tokens (JWT HS256), refresh-token
// families, password reset. Provides the process's TokenVerifier and auth::Client.

#include <functional>
#include <memory>
#include <string>

#include "core/service_context.hpp"

namespace um::user {
class Client;
}

namespace um::auth {

class AccountService;

void registerAuthService(ServiceContext& ctx);

// Everything the auth domain is built from. `serve` fills it from the ServiceContext; the
// `ultramarket user create` command, which runs outside `serve`, from its own stores.
struct AuthWiring {
  const Config& config;
  const Clock& clock;
  sql::Database& database;  // the auth service's store
  cache::Cache& cache;
  std::function<user::Client*()> userClient;  // may return null
};

// The returned pointer also owns the store, hasher, codec and sealed box the service uses.
std::shared_ptr<AccountService> buildAccountService(const AuthWiring& wiring);

}  // namespace um::auth

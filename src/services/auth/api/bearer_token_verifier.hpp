#pragma once

#include <memory>

// The core TokenVerifier, backed by the auth domain: every service's protected routes
// reach it through ServiceContext::authenticator.

#include "core/auth/token_verifier.hpp"

namespace um::auth {

class AccountService;

class BearerTokenVerifier final : public TokenVerifier {
 public:
  explicit BearerTokenVerifier(std::shared_ptr<AccountService> accounts)
      : accounts_(std::move(accounts)) {}
  http::Principal verify(std::string_view token) const override;

 private:
  std::shared_ptr<AccountService> accounts_;
};

}  // namespace um::auth

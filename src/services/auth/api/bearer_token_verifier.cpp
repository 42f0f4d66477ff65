#include "services/auth/api/bearer_token_verifier.hpp"

#include "services/auth/domain/account_service.hpp"

namespace um::auth {

http::Principal BearerTokenVerifier::verify(std::string_view token) const {
  const auto caller = accounts_->verifyAccessToken(token);
  return {caller.userId, caller.role};
}

}  // namespace um::auth

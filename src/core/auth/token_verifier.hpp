#pragma once

// Turns a bearer token into a Principal. The auth service provides the implementation
// (JWT HS256 with JWT_SECRET); every other service only sees this interface through the
// ClientRegistry, so it never depends on how tokens are made.

#include <string_view>

#include "core/http/message.hpp"

namespace um {

class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // Throws Error(kUnauthenticated) for a malformed, forged, expired or revoked token.
  virtual http::Principal verify(std::string_view token) const = 0;
};

}  // namespace um

#pragma once

// Access tokens: JWT (RFC 7519) signed with HMAC-SHA256 (JWS "HS256"). Signing and checking
// glue OpenSSL's HMAC to base64url and JSON; nothing cryptographic is hand-written. The
// header's algorithm is never trusted: anything but exactly "HS256" (including "none",
// "HS512" and a missing alg) is refused before the signature is looked at, which closes
// the classic algorithm-confusion attacks.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace um::auth {

struct AccessClaims {
  std::string subject;  // sub: the user id
  std::string role;     // "customer" | "admin"
  std::int64_t issuedAt = 0;   // iat, seconds since the epoch
  std::int64_t expiresAt = 0;  // exp, seconds since the epoch
};

class JwtCodec {
 public:
  JwtCodec(std::string secret, std::chrono::seconds lifetime, const Clock& clock);

  // iat = now, exp = now + lifetime.
  std::string sign(const std::string& subject, const std::string& role) const;
  // Throws Error(kUnauthenticated): "invalid_token" for anything malformed, forged or of
  // another algorithm; "token_expired" once now >= exp (RFC 7519 §4.1.4: "on or after").
  AccessClaims verify(std::string_view token) const;

  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  std::string mac(std::string_view signingInput) const;

  std::string secret_;
  std::chrono::seconds lifetime_;
  const Clock& clock_;
};

}  // namespace um::auth

#pragma once

// Opaque bearer secrets (refresh tokens, password-reset tokens): 256 bits from OpenSSL's
// CSPRNG, base64url. Only their SHA-256 is ever stored, so a leaked table grants nothing;
// a plain (unkeyed) hash suffices because the input has 256 bits of entropy and cannot be
// guessed from its hash.

#include <string>
#include <string_view>

namespace um::auth {

// 43 base64url characters.
std::string newOpaqueToken();
// Lower-case hex SHA-256 of the token, the lookup key at rest.
std::string hashOpaqueToken(std::string_view token);
// A cheap shape check so garbage never reaches the store.
bool looksLikeOpaqueToken(std::string_view token);

}  // namespace um::auth

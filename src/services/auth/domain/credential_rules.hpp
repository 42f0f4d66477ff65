#pragma once

// What an email, a password and a display name must look like. Each check throws
// Error::validation naming the field, and never echoes the value (it may be a password).

#include <cstddef>
#include <string>
#include <string_view>

namespace um::auth {

inline constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321 path limit
inline constexpr std::size_t kMinPasswordLength = 8;
// Long enough for any passphrase, short enough that hashing stays bounded.
inline constexpr std::size_t kMaxPasswordLength = 128;
inline constexpr std::size_t kMaxNameLength = 100;

// Trimmed and lower-cased; throws when it is not a plausible address.
std::string normalizeEmail(std::string_view email);
// Lower-cased and trimmed without validation (for lookups that must not reveal anything).
std::string canonicalEmail(std::string_view email);
void validatePassword(std::string_view password, std::string_view field = "password");
// Trimmed; 1..kMaxNameLength characters, no control characters.
std::string normalizeName(std::string_view name, std::string_view field = "name");

}  // namespace um::auth

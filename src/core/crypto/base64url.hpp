#pragma once

// Base64url without padding (RFC 4648 §5), the encoding of JWT segments and opaque tokens.

#include <optional>
#include <string>
#include <string_view>

namespace um::crypto {

std::string base64UrlEncode(std::string_view bytes);
// nullopt for characters outside the alphabet, padding, or an impossible length.
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace um::crypto

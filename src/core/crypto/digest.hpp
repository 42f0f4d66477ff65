#pragma once

// SHA-256 digests as 64 lowercase hex digits: request fingerprints, stored token hashes,
// content digests, and HMAC-SHA256 signatures (Stripe's webhooks).

#include <string>
#include <string_view>

namespace um::crypto {

std::string sha256Hex(std::string_view bytes);
std::string hmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace um::crypto

#include "services/auth/domain/opaque_token.hpp"

#include <array>

#include <openssl/rand.h>

#include "core/error.hpp"
#include "core/crypto/base64url.hpp"
#include "core/crypto/digest.hpp"

namespace um::auth {

using crypto::base64UrlDecode;
using crypto::base64UrlEncode;

namespace {
constexpr std::size_t kTokenBytes = 32;
}

std::string newOpaqueToken() {
  std::array<unsigned char, kTokenBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw Error(ErrorKind::kInternal, "internal", "the CSPRNG failed");
  }
  return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string hashOpaqueToken(std::string_view token) { return crypto::sha256Hex(token); }

bool looksLikeOpaqueToken(std::string_view token) {
  if (token.size() != 43) return false;
  return base64UrlDecode(token).has_value();
}

}  // namespace um::auth

#include "services/auth/domain/opaque_token.hpp"

#include <array>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "core/error.hpp"
#include "core/crypto/base64url.hpp"

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

std::string hashOpaqueToken(std::string_view token) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorKind::kInternal, "internal", "SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool looksLikeOpaqueToken(std::string_view token) {
  if (token.size() != 43) return false;
  return base64UrlDecode(token).has_value();
}

}  // namespace um::auth

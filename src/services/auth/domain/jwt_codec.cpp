#include "services/auth/domain/jwt_codec.hpp"

#include <array>

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/error.hpp"
#include "core/crypto/base64url.hpp"

namespace um::auth {

using crypto::base64UrlDecode;
using crypto::base64UrlEncode;

namespace {

// Real tokens are ~250 bytes; refusing huge ones keeps parsing cheap for garbage input.
constexpr std::size_t kMaxTokenLength = 4096;

Error invalidToken() {
  return Error(ErrorKind::kUnauthenticated, "invalid_token", "the access token is not valid");
}

std::int64_t epochSeconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

nlohmann::json decodeJsonSegment(std::string_view segment) {
  auto bytes = base64UrlDecode(segment);
  if (!bytes) throw invalidToken();
  auto value = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) throw invalidToken();
  return value;
}

}  // namespace

JwtCodec::JwtCodec(std::string secret, std::chrono::seconds lifetime, const Clock& clock)
    : secret_(std::move(secret)), lifetime_(lifetime), clock_(clock) {
  if (secret_.empty()) throw Error(ErrorKind::kInternal, "internal", "empty JWT secret");
}

std::string JwtCodec::mac(std::string_view signingInput) const {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
            reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(),
            digest.data(), &length)) {
    throw Error(ErrorKind::kInternal, "internal", "HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

std::string JwtCodec::sign(const std::string& subject, const std::string& role) const {
  const std::int64_t now = epochSeconds(clock_.now());
  static const std::string kHeader = base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})");
  const nlohmann::json claims = {
      {"sub", subject}, {"role", role}, {"iat", now}, {"exp", now + lifetime_.count()}};
  std::string input = kHeader + "." + base64UrlEncode(claims.dump());
  return input + "." + base64UrlEncode(mac(input));
}

AccessClaims JwtCodec::verify(std::string_view token) const {
  if (token.empty() || token.size() > kMaxTokenLength) throw invalidToken();
  const auto firstDot = token.find('.');
  const auto lastDot = token.rfind('.');
  if (firstDot == std::string_view::npos || firstDot == lastDot) throw invalidToken();
  if (token.find('.', firstDot + 1) != lastDot) throw invalidToken();

  const auto header = decodeJsonSegment(token.substr(0, firstDot));
  const auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string() || alg->get<std::string>() != "HS256") {
    throw invalidToken();
  }
  // "crit" names extensions we would have to understand (RFC 7515 §4.1.11): we know none.
  if (header.contains("crit")) throw invalidToken();

  const auto signature = base64UrlDecode(token.substr(lastDot + 1));
  if (!signature) throw invalidToken();
  const std::string expected = mac(token.substr(0, lastDot));
  if (signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
    throw invalidToken();
  }

  const auto claims = decodeJsonSegment(token.substr(firstDot + 1, lastDot - firstDot - 1));
  auto stringClaim = [&](const char* name) {
    auto it = claims.find(name);
    if (it == claims.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      throw invalidToken();
    }
    return it->get<std::string>();
  };
  auto intClaim = [&](const char* name) {
    auto it = claims.find(name);
    if (it == claims.end() || !it->is_number_integer()) throw invalidToken();
    return it->get<std::int64_t>();
  };
  AccessClaims out{stringClaim("sub"), stringClaim("role"), intClaim("iat"), intClaim("exp")};
  if (epochSeconds(clock_.now()) >= out.expiresAt) {
    throw Error(ErrorKind::kUnauthenticated, "token_expired", "the access token has expired");
  }
  return out;
}

}  // namespace um::auth

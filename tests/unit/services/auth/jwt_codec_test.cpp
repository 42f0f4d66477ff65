#include "services/auth/domain/jwt_codec.hpp"

#include <array>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/error.hpp"
#include "core/crypto/base64url.hpp"
#include "fake_clock.hpp"

namespace um::auth {
namespace {

using crypto::base64UrlDecode;
using crypto::base64UrlEncode;
using testing::FakeClock;

constexpr const char* kSecret = "unit-test-secret-that-is-long-enough-1234";

std::string hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &length);
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

// A token built by hand, so tests can forge headers a real signer would never write.
std::string forge(const nlohmann::json& header, const nlohmann::json& claims,
                  const EVP_MD* md = EVP_sha256(), const std::string& key = kSecret) {
  const std::string input = base64UrlEncode(header.dump()) + "." + base64UrlEncode(claims.dump());
  return input + "." + base64UrlEncode(hmac(md, key, input));
}

std::string codeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnauthenticated);
    return e.code();
  }
  return "accepted";
}

class JwtCodecTest : public ::testing::Test {
 protected:
  FakeClock clock;
  JwtCodec codec{kSecret, std::chrono::seconds(3600), clock};

  nlohmann::json validClaims() const {
    return {{"sub", "user-1"}, {"role", "customer"}, {"iat", clock.seconds()},
            {"exp", clock.seconds() + 3600}};
  }
};

TEST_F(JwtCodecTest, SignedTokenVerifiesWithItsClaims) {
  const auto token = codec.sign("user-1", "admin");
  const auto claims = codec.verify(token);
  EXPECT_EQ(claims.subject, "user-1");
  EXPECT_EQ(claims.role, "admin");
  EXPECT_EQ(claims.issuedAt, clock.seconds());
  EXPECT_EQ(claims.expiresAt, clock.seconds() + 3600);
}

TEST_F(JwtCodecTest, HeaderSaysHs256) {
  const auto token = codec.sign("user-1", "customer");
  const auto header = nlohmann::json::parse(*base64UrlDecode(token.substr(0, token.find('.'))));
  EXPECT_EQ(header["alg"], "HS256");
  EXPECT_EQ(header["typ"], "JWT");
}

TEST_F(JwtCodecTest, ValidUntilTheSecondBeforeExpiry) {
  const auto token = codec.sign("user-1", "customer");
  clock.advance(std::chrono::seconds(3599));
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "accepted");
}

TEST_F(JwtCodecTest, ExpiredExactlyAtExp) {
  const auto token = codec.sign("user-1", "customer");
  clock.advance(std::chrono::seconds(3600));
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "token_expired");
}

TEST_F(JwtCodecTest, RefusesAlgNoneWithoutSignature) {
  const std::string token = base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                            base64UrlEncode(validClaims().dump()) + ".";
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "invalid_token");
}

TEST_F(JwtCodecTest, RefusesAlgNoneEvenWithAValidHs256Signature) {
  EXPECT_EQ(codeOf([&] { codec.verify(forge({{"alg", "none"}}, validClaims())); }),
            "invalid_token");
  EXPECT_EQ(codeOf([&] { codec.verify(forge({{"alg", "None"}}, validClaims())); }),
            "invalid_token");
}

TEST_F(JwtCodecTest, RefusesHs512SignedWithTheRightSecret) {
  const auto token = forge({{"alg", "HS512"}, {"typ", "JWT"}}, validClaims(), EVP_sha512());
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "invalid_token");
}

TEST_F(JwtCodecTest, RefusesMissingOrNonStringAlg) {
  EXPECT_EQ(codeOf([&] { codec.verify(forge({{"typ", "JWT"}}, validClaims())); }), "invalid_token");
  EXPECT_EQ(codeOf([&] { codec.verify(forge({{"alg", 256}}, validClaims())); }), "invalid_token");
}

TEST_F(JwtCodecTest, AcceptsAHandBuiltHs256Token) {
  EXPECT_EQ(codeOf([&] { codec.verify(forge({{"alg", "HS256"}}, validClaims())); }), "accepted");
}

TEST_F(JwtCodecTest, RefusesAnotherSecret) {
  const auto token = forge({{"alg", "HS256"}}, validClaims(), EVP_sha256(), "another-secret");
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "invalid_token");
}

TEST_F(JwtCodecTest, RefusesATamperedPayload) {
  const auto token = codec.sign("user-1", "customer");
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  auto claims = validClaims();
  claims["role"] = "admin";
  const std::string tampered =
      token.substr(0, first) + "." + base64UrlEncode(claims.dump()) + token.substr(last);
  EXPECT_EQ(codeOf([&] { codec.verify(tampered); }), "invalid_token");
}

TEST_F(JwtCodecTest, RefusesATamperedSignature) {
  auto token = codec.sign("user-1", "customer");
  token.back() = token.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "invalid_token");
}

TEST_F(JwtCodecTest, RefusesMalformedTokens) {
  for (const std::string& token : std::vector<std::string>
       {"", "abc", "a.b", "a.b.c.d", "!!!.@@@.###", std::string(5000, 'a') + ".b.c"}) {
    EXPECT_EQ(codeOf([&] { codec.verify(token); }), "invalid_token") << token.substr(0, 20);
  }
}

TEST_F(JwtCodecTest, RefusesMissingOrMistypedClaims) {
  for (const char* drop : {"sub", "role", "iat", "exp"}) {
    auto claims = validClaims();
    claims.erase(drop);
    EXPECT_EQ(codeOf([&] { codec.verify(forge({{"alg", "HS256"}}, claims)); }), "invalid_token")
        << drop;
  }
  auto claims = validClaims();
  claims["exp"] = "never";
  EXPECT_EQ(codeOf([&] { codec.verify(forge({{"alg", "HS256"}}, claims)); }), "invalid_token");
}

TEST_F(JwtCodecTest, RefusesCriticalHeaderExtensions) {
  const auto token = forge({{"alg", "HS256"}, {"crit", {"exp"}}}, validClaims());
  EXPECT_EQ(codeOf([&] { codec.verify(token); }), "invalid_token");
}

TEST(Base64UrlTest, RoundTripsAndRefusesNonCanonicalText) {
  for (const std::string bytes : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(*base64UrlDecode(base64UrlEncode(bytes)), bytes);
  }
  EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64UrlDecode("Zm9v=").has_value());  // padding is not base64url
  EXPECT_FALSE(base64UrlDecode("Zh").has_value());     // non-zero leftover bits
  EXPECT_FALSE(base64UrlDecode("Z").has_value());
}

}  // namespace
}  // namespace um::auth

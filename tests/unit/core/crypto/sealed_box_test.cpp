#include "core/crypto/sealed_box.hpp"

#include <gtest/gtest.h>

#include "core/crypto/base64url.hpp"

namespace um::crypto {
namespace {

TEST(SealedBox, OpensWhatItSealed) {
  const SealedBox box("a-long-enough-test-secret", "password-reset-link");
  const std::string link = "https://shop.example/reset-password?token=abc_DEF-123";
  const auto sealed = box.seal(link);
  EXPECT_EQ(sealed.find("abc_DEF"), std::string::npos);
  EXPECT_EQ(box.open(sealed), link);
  EXPECT_EQ(box.open(box.seal("")), "");
}

TEST(SealedBox, EachSealUsesAFreshNonce) {
  const SealedBox box("a-long-enough-test-secret", "purpose");
  EXPECT_NE(box.seal("same text"), box.seal("same text"));
}

TEST(SealedBox, AnotherSecretOrPurposeCannotOpen) {
  const SealedBox box("a-long-enough-test-secret", "password-reset-link");
  const auto sealed = box.seal("secret link");
  EXPECT_FALSE(SealedBox("another-secret-entirely", "password-reset-link").open(sealed));
  EXPECT_FALSE(SealedBox("a-long-enough-test-secret", "another-purpose").open(sealed));
}

TEST(SealedBox, AnyChangedByteIsRefused) {
  const SealedBox box("a-long-enough-test-secret", "purpose");
  const auto raw = *base64UrlDecode(box.seal("secret link"));
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string tampered = raw;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(box.open(base64UrlEncode(tampered))) << "byte " << i;
  }
  EXPECT_FALSE(box.open(base64UrlEncode(raw.substr(0, raw.size() - 1))));
  EXPECT_FALSE(box.open("not base64url!"));
  EXPECT_FALSE(box.open(""));
}

TEST(SealedBox, RefusesAnEmptySecret) {
  EXPECT_THROW(SealedBox("", "purpose"), std::invalid_argument);
}

}  // namespace
}  // namespace um::crypto

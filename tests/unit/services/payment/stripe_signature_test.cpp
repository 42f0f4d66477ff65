#include "adapters/payments/stripe/stripe_signature.hpp"

#include <gtest/gtest.h>

namespace um::payment {
namespace {

constexpr std::string_view kSecret = "whsec_test_secret";
constexpr std::string_view kPayload = R"({"id":"evt_1","type":"payment_intent.succeeded"})";
constexpr std::int64_t kNow = 1'764'000'000;

TEST(StripeSignatureTest, HmacMatchesRfc4231Vector) {
  // RFC 4231 test case 2.
  EXPECT_EQ(hmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(StripeSignatureTest, AcceptsWhatStripeSigns) {
  const auto header = stripeSignatureHeader(kPayload, kSecret, kNow);
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow), SignatureCheck::kValid);
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow + 299), SignatureCheck::kValid);
}

TEST(StripeSignatureTest, AcceptsAnyOfSeveralV1SignaturesDuringSecretRotation) {
  const auto good = stripeSignatureHeader(kPayload, kSecret, kNow);
  const auto v1 = good.substr(good.find("v1="));
  const std::string header = "t=" + std::to_string(kNow) + ",v1=" + std::string(64, '0') + "," + v1 +
                             ",v0=deadbeef";
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow), SignatureCheck::kValid);
}

TEST(StripeSignatureTest, RefusesATamperedBody) {
  const auto header = stripeSignatureHeader(kPayload, kSecret, kNow);
  EXPECT_EQ(verifyStripeSignature(header, std::string(kPayload) + " ", kSecret, kNow),
            SignatureCheck::kMismatch);
}

TEST(StripeSignatureTest, RefusesAnotherSecret) {
  const auto header = stripeSignatureHeader(kPayload, "whsec_other", kNow);
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow), SignatureCheck::kMismatch);
}

TEST(StripeSignatureTest, RefusesStaleAndFutureTimestamps) {
  const auto header = stripeSignatureHeader(kPayload, kSecret, kNow);
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow + 301), SignatureCheck::kStale);
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow - 301), SignatureCheck::kStale);
}

TEST(StripeSignatureTest, RefusesATimestampChangedAfterSigning) {
  // Replaying an old delivery with a fresh t= breaks the signature, which covers t.
  auto header = stripeSignatureHeader(kPayload, kSecret, kNow - 3600);
  header.replace(2, std::to_string(kNow).size(), std::to_string(kNow));
  EXPECT_EQ(verifyStripeSignature(header, kPayload, kSecret, kNow), SignatureCheck::kMismatch);
}

TEST(StripeSignatureTest, RefusesMalformedHeadersAndMissingSecret) {
  EXPECT_EQ(verifyStripeSignature("", kPayload, kSecret, kNow), SignatureCheck::kMalformed);
  EXPECT_EQ(verifyStripeSignature("t=abc,v1=00", kPayload, kSecret, kNow), SignatureCheck::kMalformed);
  EXPECT_EQ(verifyStripeSignature("t=" + std::to_string(kNow), kPayload, kSecret, kNow),
            SignatureCheck::kMalformed);
  EXPECT_EQ(verifyStripeSignature("v1=00", kPayload, kSecret, kNow), SignatureCheck::kMalformed);
  const auto v0only = "t=" + std::to_string(kNow) + ",v0=" + hmacSha256Hex(kSecret, "x");
  EXPECT_EQ(verifyStripeSignature(v0only, kPayload, kSecret, kNow), SignatureCheck::kMalformed);
  const auto header = stripeSignatureHeader(kPayload, kSecret, kNow);
  EXPECT_EQ(verifyStripeSignature(header, kPayload, "", kNow), SignatureCheck::kNoSecret);
}

}  // namespace
}  // namespace um::payment

#include "adapters/payments/stripe/stripe_signature.hpp"

#include <charconv>
#include <vector>

#include <openssl/crypto.h>

namespace um::payment {

SignatureCheck verifyStripeSignature(std::string_view header, std::string_view payload,
                                     std::string_view secret, std::int64_t now,
                                     std::chrono::seconds tolerance) {
  if (secret.empty()) return SignatureCheck::kNoSecret;
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = item.substr(0, eq);
    const auto value = item.substr(eq + 1);
    if (key == "t") timestamp = value;
    if (key == "v1") signatures.push_back(value);  // v0 and others are not trusted
  }
  std::int64_t t = 0;
  const auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
  if (timestamp.empty() || ec != std::errc() || end != timestamp.data() + timestamp.size() ||
      signatures.empty()) {
    return SignatureCheck::kMalformed;
  }
  if (t < now - tolerance.count() || t > now + tolerance.count()) return SignatureCheck::kStale;

  std::string signedPayload;
  signedPayload.reserve(timestamp.size() + 1 + payload.size());
  signedPayload.append(timestamp).append(".").append(payload);
  const std::string expected = hmacSha256Hex(secret, signedPayload);
  bool match = false;
  for (auto candidate : signatures) {
    // Constant time, and every candidate is checked, so timing reveals nothing.
    if (candidate.size() == expected.size() &&
        CRYPTO_memcmp(candidate.data(), expected.data(), expected.size()) == 0) {
      match = true;
    }
  }
  return match ? SignatureCheck::kValid : SignatureCheck::kMismatch;
}

std::string stripeSignatureHeader(std::string_view payload, std::string_view secret,
                                  std::int64_t timestamp) {
  const std::string t = std::to_string(timestamp);
  return "t=" + t + ",v1=" + hmacSha256Hex(secret, t + "." + std::string(payload));
}

}  // namespace um::payment

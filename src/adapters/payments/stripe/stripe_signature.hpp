#pragma once

// Stripe's webhook signature scheme: the `Stripe-Signature` header carries `t=<unix
// seconds>` and one or more `v1=<hex HMAC-SHA256>` over "<t>.<raw body>" keyed with the
// endpoint's signing secret (STRIPE_WEBHOOK_SECRET). A signature older or newer than the
// tolerance is refused, so a captured delivery cannot be replayed later.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/crypto/digest.hpp"

namespace um::payment {

enum class SignatureCheck { kValid, kMalformed, kStale, kMismatch, kNoSecret };

SignatureCheck verifyStripeSignature(std::string_view header, std::string_view payload,
                                     std::string_view secret, std::int64_t nowUnixSeconds,
                                     std::chrono::seconds tolerance = std::chrono::minutes(5));

// The header Stripe would send for `payload` at `timestampUnixSeconds` (tests and fakes).
std::string stripeSignatureHeader(std::string_view payload, std::string_view secret,
                                  std::int64_t timestampUnixSeconds);

using crypto::hmacSha256Hex;

}  // namespace um::payment

#pragma once

// Helpers for POST /v2/orders' Idempotency-Key: the request fingerprint and the key's rules.

#include <string>
#include <string_view>

namespace um::order {

// SHA-256 (hex) of the request as the server understood it: the same body sent again with
// other whitespace or key order has the same fingerprint.
std::string fingerprint(std::string_view canonicalRequest);

// 1–255 printable ASCII characters (Stripe's rule; UUIDs fit).
bool isValidIdempotencyKey(std::string_view key);

// "UM-251125-7K3QXM": the date and six characters without look-alikes (no 0/O, 1/I).
std::string newOrderNumber(std::string_view yyMMdd);

}  // namespace um::order

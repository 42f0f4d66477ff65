#pragma once

// Minor units ↔ the decimal strings some providers want (PayPal: "12.34"). Integer only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace um::payment {

// Digits after the decimal point in `currency` (ISO 4217): 0 for JPY, 3 for KWD, else 2.
int currencyExponent(std::string_view currency);
std::string formatDecimal(std::int64_t minorUnits, int exponent);
std::optional<std::int64_t> parseDecimal(std::string_view text, int exponent);

}  // namespace um::payment

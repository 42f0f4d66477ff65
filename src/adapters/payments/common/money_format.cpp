#include "adapters/payments/common/money_format.hpp"

#include <array>

namespace um::payment {

int currencyExponent(std::string_view currency) {
  static constexpr std::array<std::string_view, 16> kZero{
      "BIF", "CLP", "DJF", "GNF", "HUF", "ISK", "JPY", "KMF",
      "KRW", "PYG", "RWF", "TWD", "UGX", "VND", "VUV", "XAF"};
  static constexpr std::array<std::string_view, 5> kThree{"BHD", "JOD", "KWD", "OMR", "TND"};
  for (auto c : kZero) {
    if (c == currency) return 0;
  }
  for (auto c : kThree) {
    if (c == currency) return 3;
  }
  return 2;
}

std::string formatDecimal(std::int64_t minor, int exponent) {
  const bool negative = minor < 0;
  std::string digits = std::to_string(negative ? -minor : minor);
  if (exponent > 0) {
    while (static_cast<int>(digits.size()) <= exponent) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - exponent, '.');
  }
  return negative ? "-" + digits : digits;
}

std::optional<std::int64_t> parseDecimal(std::string_view text, int exponent) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  int decimals = -1;  // -1: before the point
  for (char c : text) {
    if (c == '.') {
      if (decimals >= 0) return std::nullopt;
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals >= 0 && ++decimals > exponent) return std::nullopt;
    if (value > (INT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  for (int i = decimals < 0 ? 0 : decimals; i < exponent; ++i) value *= 10;
  return value;
}

}  // namespace um::payment

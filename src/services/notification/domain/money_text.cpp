#include "services/notification/domain/money_text.hpp"

#include <cstdint>

namespace um::notification {

namespace {

// ISO 4217 currencies without minor units, among those a shop is likely to sell in.
bool hasNoMinorUnits(const std::string& currency) {
  return currency == "JPY" || currency == "KRW" || currency == "VND" || currency == "CLP" ||
         currency == "ISK" || currency == "HUF";
}

std::string symbolOf(const std::string& currency) {
  if (currency == "USD") return "$";
  if (currency == "EUR") return "€";
  if (currency == "GBP") return "£";
  if (currency == "JPY") return "¥";
  return "";
}

std::string withThousands(std::int64_t whole) {
  std::string digits = std::to_string(whole);
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[static_cast<std::size_t>(i)];
  }
  return out;
}

}  // namespace

std::string formatMoney(std::int64_t minorUnits, const std::string& currency) {
  const bool negative = minorUnits < 0;
  // Integer arithmetic all the way: no floating point where money flows.
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minorUnits)
                                           : static_cast<std::uint64_t>(minorUnits);
  std::string number;
  if (hasNoMinorUnits(currency)) {
    number = withThousands(static_cast<std::int64_t>(magnitude));
  } else {
    const auto cents = magnitude % 100;
    number = withThousands(static_cast<std::int64_t>(magnitude / 100)) + "." +
             (cents < 10 ? "0" : "") + std::to_string(cents);
  }
  const std::string symbol = symbolOf(currency);
  const std::string sign = negative ? "-" : "";
  if (!symbol.empty()) return sign + symbol + number;
  return sign + number + (currency.empty() ? "" : " " + currency);
}

}  // namespace um::notification

#include "services/user/domain/address_rules.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/http/json_fields.hpp"
#include "services/user/domain/country_codes.hpp"

namespace um::user {

namespace {

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  const auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

void checkText(const std::string& value, const std::string& field, std::size_t maxChars) {
  if (http::utf8Length(value) > maxChars) {
    throw Error::validation(field, "must be at most " + std::to_string(maxChars) + " characters");
  }
  if (std::any_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
      })) {
    throw Error::validation(field, "must not contain control characters");
  }
}

std::string required(const std::optional<std::string>& value, const std::string& field,
                     std::size_t maxChars) {
  const std::string text = value ? trim(*value) : "";
  if (text.empty()) throw Error::validation(field, "is required");
  checkText(text, field, maxChars);
  return text;
}

std::optional<std::string> optional(const std::optional<std::string>& value,
                                    const std::string& field, std::size_t maxChars) {
  if (!value) return std::nullopt;
  const std::string text = trim(*value);
  if (text.empty()) return std::nullopt;
  checkText(text, field, maxChars);
  return text;
}

// Absent in the patch → the base's value.
std::optional<std::string> merged(const std::optional<std::optional<std::string>>& patch,
                                  std::optional<std::string> base) {
  return patch ? *patch : base;
}

}  // namespace

std::string validName(const std::string& name) { return required(name, "name", 100); }

std::optional<std::string> validPhone(const std::optional<std::string>& phone,
                                      const std::string& field) {
  auto text = optional(phone, field, 30);
  if (!text) return std::nullopt;
  int digits = 0;
  for (std::size_t i = 0; i < text->size(); ++i) {
    const char c = (*text)[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && i == 0))) {
      throw Error::validation(field, "must be a phone number (digits, optional leading +)");
    }
  }
  if (digits < 4) throw Error::validation(field, "must be a phone number (digits, optional leading +)");
  return text;
}

Address applyAddressPatch(Address base, const AddressPatch& p) {
  Address out = std::move(base);
  out.name = required(merged(p.name, out.name), "name", 100);
  out.line1 = required(merged(p.line1, out.line1), "line1", 200);
  out.line2 = optional(merged(p.line2, out.line2), "line2", 200);
  out.city = required(merged(p.city, out.city), "city", 100);
  out.region = optional(merged(p.region, out.region), "region", 100);

  std::string country = required(merged(p.country, out.country), "country", 2);
  std::transform(country.begin(), country.end(), country.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  if (!isIsoCountryCode(country)) {
    throw Error::validation("country", "must be an ISO 3166-1 alpha-2 country code");
  }
  out.country = country;

  out.postalCode = optional(merged(p.postalCode, out.postalCode), "postalCode", 20);
  if (out.postalCode) {
    for (char c : *out.postalCode) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-')) {
        throw Error::validation("postalCode", "may contain only letters, digits, spaces and dashes");
      }
    }
  } else if (!countryHasNoPostalCode(out.country)) {
    throw Error::validation("postalCode", "is required for this country");
  }
  out.phone = validPhone(merged(p.phone, out.phone));
  return out;
}

}  // namespace um::user

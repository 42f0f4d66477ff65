#include "services/auth/domain/credential_rules.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/http/json_fields.hpp"

namespace um::auth {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool hasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

std::string canonicalEmail(std::string_view email) {
  std::string out(trim(email));
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::string normalizeEmail(std::string_view email) {
  std::string out = canonicalEmail(email);
  auto bad = [] { return Error::validation("email", "must be a valid email address"); };
  if (out.empty() || out.size() > kMaxEmailLength || hasControl(out)) throw bad();
  const auto at = out.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || out.find('@', at + 1) != std::string::npos) {
    throw bad();
  }
  const std::string_view local(out.data(), at);
  const std::string_view domain(out.data() + at + 1, out.size() - at - 1);
  if (local.find(' ') != std::string_view::npos) throw bad();
  // A dot-separated host name with at least two labels; letters, digits, hyphens (and
  // UTF-8 bytes for internationalised names), no empty label.
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos) throw bad();
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    throw bad();
  }
  for (char c : domain) {
    const auto u = static_cast<unsigned char>(c);
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || u >= 0x80;
    if (!ok) throw bad();
  }
  return out;
}

void validatePassword(std::string_view password, std::string_view field) {
  const auto length = http::utf8Length(password);
  if (length < kMinPasswordLength) {
    throw Error::validation(std::string(field), "must be at least " +
                                                    std::to_string(kMinPasswordLength) +
                                                    " characters");
  }
  if (length > kMaxPasswordLength) {
    throw Error::validation(std::string(field), "must be at most " +
                                                    std::to_string(kMaxPasswordLength) +
                                                    " characters");
  }
}

std::string normalizeName(std::string_view name, std::string_view field) {
  const auto trimmed = trim(name);
  if (trimmed.empty()) throw Error::validation(std::string(field), "must not be empty");
  if (http::utf8Length(trimmed) > kMaxNameLength) {
    throw Error::validation(std::string(field), "must be at most " +
                                                    std::to_string(kMaxNameLength) +
                                                    " characters");
  }
  if (hasControl(trimmed)) {
    throw Error::validation(std::string(field), "must not contain control characters");
  }
  return std::string(trimmed);
}

}  // namespace um::auth

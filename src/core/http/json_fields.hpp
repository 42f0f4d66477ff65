#pragma once

// Strict reading of a JSON request body: every field has a declared type and size, unknown
// fields are refused, and each refusal is a 400 naming the field. Handlers use it so that
// bad input can never reach domain code as a surprise type (and never becomes a 5xx).

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/message.hpp"

namespace um::http {

class JsonFields {
 public:
  // Throws Error::validation(<first unknown field>) when `object` has a field not in `allowed`.
  JsonFields(const Json& object, std::initializer_list<std::string_view> allowed);

  bool has(std::string_view name) const;

  // A string of at most `maxChars` characters (code points); 400 when missing or mistyped.
  std::string requiredString(std::string_view name, std::size_t maxChars) const;
  // Absent or null → nullopt.
  std::optional<std::string> optionalString(std::string_view name, std::size_t maxChars) const;
  // For PATCH: absent → nullopt (leave as is); null → optional holding nullopt (clear).
  std::optional<std::optional<std::string>> nullableString(std::string_view name,
                                                           std::size_t maxChars) const;
  std::optional<bool> optionalBool(std::string_view name) const;

 private:
  const Json* find(std::string_view name) const;
  std::string checkedString(std::string_view name, const Json& value, std::size_t maxChars) const;

  const Json& object_;
};

// Code points in a UTF-8 string (continuation bytes are not counted).
std::size_t utf8Length(std::string_view text);

}  // namespace um::http

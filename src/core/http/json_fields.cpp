#include "core/http/json_fields.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace um::http {

std::size_t utf8Length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

JsonFields::JsonFields(const Json& object, std::initializer_list<std::string_view> allowed)
    : object_(object) {
  if (!object_.is_object()) {
    throw Error(ErrorKind::kValidation, "malformed_json", "the body must be a JSON object");
  }
  for (const auto& [key, value] : object_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      // The name is echoed back truncated: it is the client's own input, but unbounded.
      throw Error::validation(key.substr(0, 64), "unknown field");
    }
  }
}

const Json* JsonFields::find(std::string_view name) const {
  auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

bool JsonFields::has(std::string_view name) const { return find(name) != nullptr; }

std::string JsonFields::checkedString(std::string_view name, const Json& value,
                                      std::size_t maxChars) const {
  if (!value.is_string()) throw Error::validation(std::string(name), "must be a string");
  const auto& text = value.get_ref<const std::string&>();
  if (utf8Length(text) > maxChars) {
    throw Error::validation(std::string(name),
                            "must be at most " + std::to_string(maxChars) + " characters");
  }
  return text;
}

std::string JsonFields::requiredString(std::string_view name, std::size_t maxChars) const {
  const Json* value = find(name);
  if (!value || value->is_null()) throw Error::validation(std::string(name), "is required");
  return checkedString(name, *value, maxChars);
}

std::optional<std::string> JsonFields::optionalString(std::string_view name,
                                                      std::size_t maxChars) const {
  const Json* value = find(name);
  if (!value || value->is_null()) return std::nullopt;
  return checkedString(name, *value, maxChars);
}

std::optional<std::optional<std::string>> JsonFields::nullableString(std::string_view name,
                                                                     std::size_t maxChars) const {
  const Json* value = find(name);
  if (!value) return std::nullopt;
  if (value->is_null()) return std::optional<std::string>{};
  return std::optional<std::string>{checkedString(name, *value, maxChars)};
}

std::optional<bool> JsonFields::optionalBool(std::string_view name) const {
  const Json* value = find(name);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_boolean()) throw Error::validation(std::string(name), "must be true or false");
  return value->get<bool>();
}

}  // namespace um::http

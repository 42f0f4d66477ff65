#pragma once

// A small Mustache subset for the email templates: {{name}} (escaped for HTML in HTML
// templates), {{{name}}} (never escaped: for HTML built by us), dotted names ({{order.number}}),
// sections {{#items}}…{{/items}} (repeated per array element, shown once for a truthy value)
// and inverted sections {{^items}}…{{/items}} (shown when empty, false or missing).
// Written here because no Mustache or Jinja library for C++ is packaged on Debian, and these
// five tags are all that transactional emails need.

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace um::notification {

enum class Escape { kNone, kHtml };

class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws TemplateError for a malformed template (an unclosed tag or section).
std::string renderTemplate(std::string_view text, const nlohmann::json& values, Escape escape);

std::string escapeHtml(std::string_view text);

}  // namespace um::notification

#pragma once

// The built-in email templates: a subject, a plain-text body and an HTML body each, in the
// Mustache subset of template_engine.hpp. The HTML bodies are wrapped in one layout
// ({{{content}}} in kHtmlLayout) so every email looks like the shop.
//
// Variables every template gets: shopName, shopUrl, year; the others are listed per template
// in templates.cpp and filled by email_composer.cpp.

#include <string_view>
#include <vector>

namespace um::notification {

struct EmailTemplate {
  std::string_view name;
  std::string_view subject;
  std::string_view text;
  std::string_view html;
};

const std::vector<EmailTemplate>& emailTemplates();
// Throws std::out_of_range for an unknown name: names come from our code.
const EmailTemplate& emailTemplate(std::string_view name);

extern const std::string_view kHtmlLayout;

}  // namespace um::notification

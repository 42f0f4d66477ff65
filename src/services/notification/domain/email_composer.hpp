#pragma once

// Turns a domain event into the email it asks for: which template, to whom, and the
// template's variables taken from the event's payload, with links built on the shop's
// public URL. Pure: no I/O, so every template is tested on sample events.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace um::notification {

struct ComposeSettings {
  std::string publicUrl;  // "https://shop.example.com", no trailing slash
  std::string shopName = "UltraMarket";
  // Opens the sealed reset link in auth.password_reset_requested (see auth/client.hpp);
  // nullopt when it was not sealed with our key. Unset: reset requests send nothing.
  std::function<std::optional<std::string>(std::string_view sealed)> openResetLink;
};

struct ComposedEmail {
  std::string templateName;
  std::string to;
  std::optional<std::string> userId;
  std::string subject;
  std::string textBody;
  std::string htmlBody;
  bool sensitive = false;  // carries a secret link
};

// The event types that send email.
const std::vector<std::string>& notifyingEventTypes();

// nullopt when the event sends nothing: a type that sends no email, or a payload without
// what the email needs (no recipient; a reset request whose sealed link does not open).
std::optional<ComposedEmail> composeEmail(std::string_view eventType, const nlohmann::json& payload,
                                          const ComposeSettings& settings, TimePoint now);

// The variables a template is rendered with, for tests and previews.
nlohmann::json templateVariables(std::string_view templateName, const nlohmann::json& payload,
                                 const ComposeSettings& settings, TimePoint now);

// Renders template `name` with `variables` (plus the layout for HTML).
ComposedEmail renderEmail(std::string_view templateName, nlohmann::json variables);

}  // namespace um::notification

#pragma once

// Validation of postal addresses and profile fields. Each failure throws
// Error::validation naming the field (camelCase, as the API spells it).

#include <optional>
#include <string>

#include "services/user/domain/profile.hpp"

namespace um::user {

// Applies `patch` over `base` (an empty Address for a create) and validates the result:
// name, line1, city and country required; country an ISO 3166-1 alpha-2 code (any case,
// stored upper case); postalCode required except where the country has none; lengths
// bounded; no control characters. Strings are trimmed; empty optional fields become null.
Address applyAddressPatch(Address base, const AddressPatch& patch);

// Trimmed display name: 1..100 characters.
std::string validName(const std::string& name);
// Null stays null; otherwise digits with an optional leading '+', spaces, dots, dashes and
// parentheses, 4..30 characters with at least 4 digits.
std::optional<std::string> validPhone(const std::optional<std::string>& phone,
                                      const std::string& field = "phone");

}  // namespace um::user

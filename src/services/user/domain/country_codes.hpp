#pragma once

#include <string_view>

namespace um::user {

// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code (upper case).
bool isIsoCountryCode(std::string_view code);
// Countries whose addresses have no postal code, so one is not required there.
bool countryHasNoPostalCode(std::string_view code);

}  // namespace um::user

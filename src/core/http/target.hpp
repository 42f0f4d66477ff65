#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace um::http {

// Percent-decodes; `plusIsSpace` for query strings (application/x-www-form-urlencoded).
// nullopt on a malformed escape.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);

// "/v2/products?limit=5&q=red+shoe" → path "/v2/products", query {limit: 5, q: "red shoe"}.
// Undecodable parts are kept verbatim rather than failing the request; handlers validate.
void splitTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace um::http

#pragma once

// Turns request JSON and query strings into domain drafts and queries. Every type mistake
// becomes a 400 naming the field, so bad input never reaches the domain as a 500.

#include <optional>
#include <string>

#include "core/http/message.hpp"
#include "services/product/domain/model.hpp"

namespace um::product::api {

ProductDraft productDraftFrom(const Json& body);
ProductPatch productPatchFrom(const Json& body);
CategoryDraft categoryDraftFrom(const Json& body);
ListQuery listQueryFrom(const http::Request& request);
// The public list's parameters plus `status` (active|draft|archived) and `q` (text).
ListQuery adminListQueryFrom(const http::Request& request);
std::int64_t stockFrom(const Json& body);

// Strict integer parsing of a query parameter: the whole text or a 400 for `field`.
std::int64_t integerParam(const std::string& text, const std::string& field);
bool boolParam(const std::string& text, const std::string& field);

}  // namespace um::product::api

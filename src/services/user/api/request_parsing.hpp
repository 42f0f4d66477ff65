#pragma once

// Request parsing shared by the user service's handlers.

#include "core/http/json_fields.hpp"
#include "core/http/message.hpp"
#include "services/user/domain/profile.hpp"

namespace um::user {

// An address body (create or PATCH); refuses unknown fields and non-string values.
AddressPatch parseAddressPatch(const http::Json& body);
// ?limit= (1–100, default 20), as the contract's list convention says.
int parseLimit(const http::Request& req);

}  // namespace um::user

#pragma once

// The single place where an Error becomes an HTTP status and the contract's error JSON:
// {"error": {"code", "message", "field"?, "requestId"}}.

#include "core/error.hpp"
#include "core/http/message.hpp"

namespace um::http {

int statusFor(ErrorKind kind);
Response errorResponse(const Error& error, const std::string& requestId);

}  // namespace um::http

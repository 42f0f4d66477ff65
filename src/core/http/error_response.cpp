#include "core/http/error_response.hpp"

namespace um::http {

int statusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kValidation: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kPayloadTooLarge: return 413;
    case ErrorKind::kUnsupportedMedia: return 415;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

Response errorResponse(const Error& error, const std::string& requestId) {
  const bool internal = error.kind() == ErrorKind::kInternal;
  Json body = {{"code", internal ? "internal" : error.code()},
               // An internal error's message may name tables or values: never sent.
               {"message", internal ? "internal server error" : error.what()},
               {"requestId", requestId}};
  if (error.field()) body["field"] = *error.field();
  Response r = Response::json(statusFor(error.kind()), {{"error", body}});
  if (error.retryAfterSeconds()) {
    r.headers.set("Retry-After", std::to_string(*error.retryAfterSeconds()));
  }
  if (error.kind() == ErrorKind::kUnauthenticated) r.headers.set("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace um::http

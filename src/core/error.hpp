#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace um {

// What went wrong, independent of any transport. Only the HTTP layer turns a kind into a
// status code (core/http/error_mapping.cpp); domain code never sees status numbers.
enum class ErrorKind {
  kValidation,       // the caller sent something we will not accept (400)
  kUnauthenticated,  // no or bad credentials (401)
  kForbidden,        // authenticated but not allowed (403)
  kNotFound,         // no such resource, or not the caller's (404)
  kMethodNotAllowed, // (405)
  kConflict,         // state forbids it: taken, out of stock, illegal transition (409)
  kPayloadTooLarge,  // (413)
  kUnsupportedMedia, // (415)
  kRateLimited,      // (429)
  kUnavailable,      // a dependency is down (503)
  kInternal,         // a bug; the message never reaches the client (500)
};

// The one error type of the codebase. `code` is stable and snake_case: clients branch on it.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, std::string message,
        std::optional<std::string> field = std::nullopt)
      : std::runtime_error(message),
        kind_(kind),
        code_(std::move(code)),
        field_(std::move(field)) {}

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& code() const noexcept { return code_; }
  const std::optional<std::string>& field() const noexcept { return field_; }

  // Seconds the client should wait, for kRateLimited.
  std::optional<int> retryAfterSeconds() const noexcept { return retry_after_; }
  Error& withRetryAfter(int seconds) {
    retry_after_ = seconds;
    return *this;
  }

  static Error validation(std::string field, std::string message) {
    return {ErrorKind::kValidation, "validation_failed", std::move(message), std::move(field)};
  }
  static Error notFound(std::string what) {
    return {ErrorKind::kNotFound, "not_found", what + " not found"};
  }
  static Error conflict(std::string code, std::string message) {
    return {ErrorKind::kConflict, std::move(code), std::move(message)};
  }
  static Error unauthenticated(std::string message = "authentication required") {
    return {ErrorKind::kUnauthenticated, "unauthenticated", std::move(message)};
  }
  static Error forbidden(std::string message = "not allowed") {
    return {ErrorKind::kForbidden, "forbidden", std::move(message)};
  }
  static Error unavailable(std::string code, std::string message) {
    return {ErrorKind::kUnavailable, std::move(code), std::move(message)};
  }

 private:
  ErrorKind kind_;
  std::string code_;
  std::optional<std::string> field_;
  std::optional<int> retry_after_;
};

}  // namespace um

#pragma once

// What the auth service keeps about an account. The user service owns profiles and roles;
// auth keeps its own copy of the few profile facts that login and token checks need (name
// for the login answer, role, disabled), kept current by the user service through
// auth::Client::syncAccount and, to converge if a call was lost, the user.updated event.
// `statusVersion` is the profile's version, so a late or replayed update never overwrites
// a newer one.

#include <cstdint>
#include <optional>
#include <string>

#include "services/auth/client.hpp"  // AccountUpdate

namespace um::auth {

struct Account {
  std::string userId;
  std::string email;  // normalised (trimmed, lower-case)
  std::string name;
  std::string passwordHash;
  std::string role = "customer";
  bool disabled = false;
  std::int64_t statusVersion = 0;
  // Access tokens issued (iat) before this second are refused: set by a password reset.
  std::int64_t tokensNotBefore = 0;
  std::string createdAt;          // RFC 3339
  std::string passwordChangedAt;  // RFC 3339
};

// One refresh token at rest. A family is the chain of tokens descended, by rotation, from
// one login; reuse of any rotated member revokes all of it.
struct RefreshToken {
  std::string tokenHash;
  std::string familyId;
  std::string userId;
  std::int64_t expiresAt = 0;  // seconds since the epoch
};

enum class RotationOutcome {
  kRotated,  // the old token was live and is now spent; the replacement is stored
  kReused,   // the old token had already been rotated: its family is now revoked
  kInvalid,  // unknown, expired or revoked
};

struct RotationResult {
  RotationOutcome outcome;
  std::string userId;
  std::string familyId;
};

// A live family, for the GDPR export (no token material).
struct SessionSummary {
  std::string familyId;
  std::string createdAt;
  std::int64_t expiresAt = 0;
};

}  // namespace um::auth

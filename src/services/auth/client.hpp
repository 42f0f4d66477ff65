#pragma once

// How other services call the auth service (the user service, mostly). All-in-one: the
// in-process implementation (auth/in_process_client.hpp); distributed mode: HTTP later.
// Token checks do not go through here: they use the core TokenVerifier interface.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace um::auth {

// auth.password_reset_requested carries `sealedResetUrl`: the reset link sealed with
// crypto::SealedBox(JWT_SECRET, kResetLinkSealPurpose). Only a holder of JWT_SECRET (the
// notification service) can open it; the outbox and the bus see ciphertext.
inline constexpr std::string_view kResetLinkSealPurpose = "ultramarket/password-reset-link/v1";

// The profile facts auth keeps a copy of. `version` is the profile's version, so a late or
// replayed update never overwrites a newer one.
struct AccountUpdate {
  std::string userId;
  std::string name;
  std::string role;
  bool disabled = false;
  std::int64_t version = 0;
};

class Client {
 public:
  virtual ~Client() = default;
  // Pushes the profile facts auth keeps a copy of (name, role, disabled). Ignored when an
  // update with a newer version was applied already.
  virtual void syncAccount(const AccountUpdate& update) = 0;
  // Erasure: credentials and every token go; the email can register again.
  virtual void deleteAccount(const std::string& userId) = 0;
  // What auth holds about the user, for the GDPR export (never hashes or tokens).
  virtual nlohmann::json exportAccount(const std::string& userId) = 0;
};

}  // namespace um::auth

#pragma once

// Persistence of credentials, refresh-token families and reset tokens. Events that must
// leave with a change (user.registered, auth.password_reset_requested) are passed in and
// written to the outbox in the same transaction by the implementation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/auth/domain/account.hpp"

namespace um::auth {

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // False when the email is already registered. Appends user.registered.
  virtual bool createAccount(const Account& account, const nlohmann::json& registeredEvent) = 0;
  virtual std::optional<Account> findByEmail(const std::string& email) = 0;
  virtual std::optional<Account> findById(const std::string& userId) = 0;

  virtual void insertRefreshToken(const RefreshToken& token, const std::string& createdAt) = 0;
  // Spends `oldHash` if it is live at `now` and stores `replacementHash` in the same family
  // (expiring at `replacementExpiresAt`); if it was already spent, revokes the family.
  virtual RotationResult rotateRefreshToken(const std::string& oldHash,
                                            const std::string& replacementHash,
                                            std::int64_t replacementExpiresAt, std::int64_t now,
                                            const std::string& createdAt) = 0;
  virtual void revokeFamily(const std::string& familyId, std::int64_t now) = 0;
  // Revokes the family `tokenHash` belongs to; nothing when unknown.
  virtual void revokeFamilyOf(const std::string& tokenHash, std::int64_t now) = 0;

  // Stores a reset token and appends auth.password_reset_requested.
  virtual void createResetToken(const std::string& userId, const std::string& tokenHash,
                                std::int64_t expiresAt, const nlohmann::json& requestedEvent) = 0;
  // Spends a live reset token, sets the new password hash, revokes every refresh token and
  // sets tokensNotBefore = now. Returns the user id, or nullopt when the token is unknown,
  // spent or expired.
  virtual std::optional<std::string> resetPassword(const std::string& tokenHash,
                                                   const std::string& newPasswordHash,
                                                   std::int64_t now,
                                                   const std::string& changedAt) = 0;

  // Applies the update unless a newer version is stored; returns whether it applied. A
  // disabled account loses its refresh tokens.
  virtual bool applyUpdate(const AccountUpdate& update, std::int64_t now) = 0;
  virtual void deleteAccount(const std::string& userId) = 0;
  virtual std::vector<SessionSummary> liveSessions(const std::string& userId, std::int64_t now) = 0;
};

}  // namespace um::auth

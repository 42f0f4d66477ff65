#pragma once

// AuthStore on the relational port (SQLite or PostgreSQL, the same portable SQL).
// Single-use semantics (refresh rotation, reset tokens) rely on conditional UPDATEs: the
// statement that spends a token only matches while it is unspent, so of two concurrent
// requests exactly one sees affectedRows == 1.

#include "adapters/sql/database.hpp"
#include "services/auth/store/auth_store.hpp"

namespace um::auth {

class SqlAuthStore final : public AuthStore {
 public:
  explicit SqlAuthStore(sql::Database& db) : db_(db) {}

  bool createAccount(const Account& account, const nlohmann::json& registeredEvent) override;
  std::optional<Account> findByEmail(const std::string& email) override;
  std::optional<Account> findById(const std::string& userId) override;
  void insertRefreshToken(const RefreshToken& token, const std::string& createdAt) override;
  RotationResult rotateRefreshToken(const std::string& oldHash, const std::string& replacementHash,
                                    std::int64_t replacementExpiresAt, std::int64_t now,
                                    const std::string& createdAt) override;
  void revokeFamily(const std::string& familyId, std::int64_t now) override;
  void revokeFamilyOf(const std::string& tokenHash, std::int64_t now) override;
  void createResetToken(const std::string& userId, const std::string& tokenHash,
                        std::int64_t expiresAt, const nlohmann::json& requestedEvent) override;
  std::optional<std::string> resetPassword(const std::string& tokenHash,
                                           const std::string& newPasswordHash, std::int64_t now,
                                           const std::string& changedAt) override;
  bool applyUpdate(const AccountUpdate& update, std::int64_t now) override;
  void deleteAccount(const std::string& userId) override;
  std::vector<SessionSummary> liveSessions(const std::string& userId, std::int64_t now) override;

 private:
  sql::Database& db_;
};

}  // namespace um::auth

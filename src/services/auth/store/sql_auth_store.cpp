#include "services/auth/store/sql_auth_store.hpp"

#include "adapters/bus/outbox.hpp"

namespace um::auth {

namespace {

constexpr const char* kAccountColumns =
    "user_id, email, name, password_hash, role, disabled, status_version, tokens_not_before, "
    "created_at, password_changed_at";

Account accountFrom(const sql::Row& row) {
  Account a;
  a.userId = row.get<std::string>(0);
  a.email = row.get<std::string>(1);
  a.name = row.get<std::string>(2);
  a.passwordHash = row.get<std::string>(3);
  a.role = row.get<std::string>(4);
  a.disabled = row.get<bool>(5);
  a.statusVersion = row.get<std::int64_t>(6);
  a.tokensNotBefore = row.get<std::int64_t>(7);
  a.createdAt = row.get<std::string>(8);
  a.passwordChangedAt = row.get<std::string>(9);
  return a;
}

std::optional<Account> firstAccount(const sql::Result& result) {
  if (result.empty()) return std::nullopt;
  return accountFrom(result.rows.front());
}

}  // namespace

bool SqlAuthStore::createAccount(const Account& a, const nlohmann::json& registeredEvent) {
  return db_.transaction([&](sql::Transaction& tx) {
    // ON CONFLICT DO NOTHING, not a caught UniqueViolation: on PostgreSQL a failed statement
    // would abort the transaction.
    const auto inserted = tx.execute(
        "INSERT INTO accounts (user_id, email, name, password_hash, role, disabled, "
        "status_version, tokens_not_before, created_at, password_changed_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7, $8) ON CONFLICT DO NOTHING",
        {a.userId, a.email, a.name, a.passwordHash, a.role, a.disabled, a.createdAt,
         a.passwordChangedAt});
    if (inserted.affectedRows != 1) return false;
    bus::Outbox::append(tx, "user.registered", a.userId, registeredEvent);
    return true;
  });
}

std::optional<Account> SqlAuthStore::findByEmail(const std::string& email) {
  return firstAccount(db_.execute(
      std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE email = $1", {email}));
}

std::optional<Account> SqlAuthStore::findById(const std::string& userId) {
  return firstAccount(db_.execute(
      std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE user_id = $1", {userId}));
}

void SqlAuthStore::insertRefreshToken(const RefreshToken& t, const std::string& createdAt) {
  db_.execute(
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {t.tokenHash, t.familyId, t.userId, t.expiresAt, createdAt});
}

RotationResult SqlAuthStore::rotateRefreshToken(const std::string& oldHash,
                                                const std::string& replacementHash,
                                                std::int64_t replacementExpiresAt,
                                                std::int64_t now, const std::string& createdAt) {
  return db_.transaction([&](sql::Transaction& tx) -> RotationResult {
    const auto spent = tx.execute(
        "UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1 AND rotated_at IS NULL "
        "AND revoked_at IS NULL AND expires_at > $2 RETURNING family_id, user_id",
        {oldHash, now});
    if (!spent.empty()) {
      const auto familyId = spent.rows[0].get<std::string>(0);
      const auto userId = spent.rows[0].get<std::string>(1);
      tx.execute(
          "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, created_at) "
          "VALUES ($1, $2, $3, $4, $5)",
          {replacementHash, familyId, userId, replacementExpiresAt, createdAt});
      return {RotationOutcome::kRotated, userId, familyId};
    }
    const auto row = tx.execute(
        "SELECT family_id, user_id, rotated_at FROM refresh_tokens WHERE token_hash = $1",
        {oldHash});
    if (row.empty()) return {RotationOutcome::kInvalid, "", ""};
    const auto familyId = row.rows[0].get<std::string>(0);
    const auto userId = row.rows[0].get<std::string>(1);
    if (row.rows[0].isNull(2)) return {RotationOutcome::kInvalid, userId, familyId};
    // A spent token came back: either its thief or its owner holds a copy, and we cannot
    // tell which, so the whole family goes (RFC 6819 §5.2.2.3, OAuth 2.1 §4.3.1).
    tx.execute(
        "UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
        {familyId, now});
    return {RotationOutcome::kReused, userId, familyId};
  });
}

void SqlAuthStore::revokeFamily(const std::string& familyId, std::int64_t now) {
  db_.execute(
      "UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
      {familyId, now});
}

void SqlAuthStore::revokeFamilyOf(const std::string& tokenHash, std::int64_t now) {
  db_.execute(
      "UPDATE refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family_id IN "
      "(SELECT family_id FROM refresh_tokens WHERE token_hash = $1)",
      {tokenHash, now});
}

void SqlAuthStore::createResetToken(const std::string& userId, const std::string& tokenHash,
                                    std::int64_t expiresAt, const nlohmann::json& requestedEvent) {
  db_.transaction([&](sql::Transaction& tx) {
    tx.execute(
        "INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        {tokenHash, userId, expiresAt});
    bus::Outbox::append(tx, "auth.password_reset_requested", userId, requestedEvent);
  });
}

std::optional<std::string> SqlAuthStore::resetPassword(const std::string& tokenHash,
                                                       const std::string& newPasswordHash,
                                                       std::int64_t now,
                                                       const std::string& changedAt) {
  return db_.transaction([&](sql::Transaction& tx) -> std::optional<std::string> {
    const auto spent = tx.execute(
        "UPDATE password_reset_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL "
        "AND expires_at > $2 RETURNING user_id",
        {tokenHash, now});
    if (spent.empty()) return std::nullopt;
    const auto userId = spent.rows[0].get<std::string>(0);
    const auto updated = tx.execute(
        "UPDATE accounts SET password_hash = $2, password_changed_at = $3, tokens_not_before = $4 "
        "WHERE user_id = $1",
        {userId, newPasswordHash, changedAt, now});
    if (updated.affectedRows != 1) return std::nullopt;
    tx.execute(
        "UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        {userId, now});
    // Any other outstanding reset link dies with this one.
    tx.execute(
        "UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
        {userId, now});
    return userId;
  });
}

bool SqlAuthStore::applyUpdate(const AccountUpdate& u, std::int64_t now) {
  return db_.transaction([&](sql::Transaction& tx) {
    const auto updated = tx.execute(
        "UPDATE accounts SET name = $2, role = $3, disabled = $4, status_version = $5 "
        "WHERE user_id = $1 AND status_version < $5",
        {u.userId, u.name, u.role, u.disabled, u.version});
    if (updated.affectedRows != 1) return false;
    if (u.disabled) {
      tx.execute(
          "UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
          {u.userId, now});
    }
    return true;
  });
}

void SqlAuthStore::deleteAccount(const std::string& userId) {
  db_.transaction([&](sql::Transaction& tx) {
    tx.execute("DELETE FROM refresh_tokens WHERE user_id = $1", {userId});
    tx.execute("DELETE FROM password_reset_tokens WHERE user_id = $1", {userId});
    tx.execute("DELETE FROM accounts WHERE user_id = $1", {userId});
  });
}

std::vector<SessionSummary> SqlAuthStore::liveSessions(const std::string& userId,
                                                       std::int64_t now) {
  // A family is live through its one unspent, unrevoked, unexpired member.
  const auto result = db_.execute(
      "SELECT family_id, created_at, expires_at FROM refresh_tokens WHERE user_id = $1 "
      "AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at",
      {userId, now});
  std::vector<SessionSummary> out;
  for (const auto& row : result.rows) {
    out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::int64_t>(2)});
  }
  return out;
}

}  // namespace um::auth

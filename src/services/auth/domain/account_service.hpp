#pragma once

// The auth workflows: register, login, refresh (rotation with reuse detection), logout,
// password forgot/reset, access-token checks, and the calls the user service makes to keep
// auth's copy of role/disabled current. No HTTP or SQL here: the api/ layer parses and
// serialises, the store persists.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/cache/cache.hpp"
#include "core/clock.hpp"
#include "core/crypto/sealed_box.hpp"
#include "services/auth/domain/account.hpp"
#include "services/auth/domain/jwt_codec.hpp"
#include "services/auth/domain/login_throttle.hpp"
#include "services/auth/domain/password_hasher.hpp"
#include "services/auth/store/auth_store.hpp"

namespace um::user {
class Client;
}

namespace um::auth {

struct PublicUser {
  std::string id;
  std::string email;
  std::string name;
  std::string role;
};

// What register, login and refresh answer.
struct Session {
  PublicUser user;
  std::string accessToken;
  std::string refreshToken;
  std::int64_t expiresIn = 0;  // access token lifetime, seconds
};

// The verified caller of a request, with the role as stored now (a demoted admin's older
// token no longer carries admin rights).
struct VerifiedCaller {
  std::string userId;
  std::string role;
};

struct AccountServiceOptions {
  std::chrono::seconds refreshTokenLifetime{7 * 24 * 3600};
  std::chrono::seconds resetTokenLifetime{3600};
  std::string resetLinkBase;  // e.g. "https://shop.example/reset-password"
  // How long token checks may trust a cached account status; changes made through this
  // service erase the entry at once, so this only bounds staleness across processes.
  std::chrono::seconds statusCacheTtl{30};
  int maxResetEmailsPerHour = 5;
};

struct AccountServiceDeps {
  AuthStore& store;
  const PasswordHasher& hasher;
  const JwtCodec& jwt;
  LoginThrottle& throttle;
  cache::Cache& cache;
  // Seals the reset link into auth.password_reset_requested: the notification service, which
  // owns email, opens it; the outbox and the bus only ever hold ciphertext.
  const crypto::SealedBox& resetLinkBox;
  const Clock& clock;
  // Looked up at call time (registration order does not matter); null when unavailable.
  std::function<user::Client*()> userClient;
  // Holds a failed login's answer back; tests pass a no-op.
  std::function<void(std::chrono::milliseconds)> sleep;
};

class AccountService {
 public:
  AccountService(AccountServiceDeps deps, AccountServiceOptions options);

  // Creates the account (and, through user::Client, its profile) without signing in.
  PublicUser createAccount(const std::string& email, const std::string& password,
                           const std::string& name, const std::string& role);
  // createAccount as a customer, then a session.
  Session registerAccount(const std::string& email, const std::string& password,
                          const std::string& name);
  Session login(const std::string& email, const std::string& password,
                const std::string& clientAddress);
  Session refresh(const std::string& refreshToken);
  void logout(const std::string& refreshToken);
  void forgotPassword(const std::string& email);
  void resetPassword(const std::string& token, const std::string& newPassword);

  VerifiedCaller verifyAccessToken(std::string_view token);

  void syncAccount(const AccountUpdate& update);
  void deleteAccount(const std::string& userId);
  nlohmann::json exportAccount(const std::string& userId);

 private:
  Session issueSession(const Account& account);
  std::int64_t nowSeconds() const;
  void forgetStatus(const std::string& userId);

  AccountServiceDeps deps_;
  AccountServiceOptions options_;
};

}  // namespace um::auth

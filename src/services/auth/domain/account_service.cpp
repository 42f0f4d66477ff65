#include "services/auth/domain/account_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "services/auth/domain/credential_rules.hpp"
#include "services/auth/domain/opaque_token.hpp"
#include "services/user/client.hpp"

namespace um::auth {

namespace {

Error invalidCredentials() {
  return Error(ErrorKind::kUnauthenticated, "invalid_credentials", "email or password is wrong");
}

Error invalidRefreshToken() {
  return Error(ErrorKind::kUnauthenticated, "invalid_refresh_token",
               "the refresh token is not valid");
}

std::string statusKey(const std::string& userId) { return "auth:status:" + userId; }

}  // namespace

AccountService::AccountService(AccountServiceDeps deps, AccountServiceOptions options)
    : deps_(std::move(deps)), options_(std::move(options)) {}

std::int64_t AccountService::nowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(deps_.clock.now().time_since_epoch())
      .count();
}

void AccountService::forgetStatus(const std::string& userId) { deps_.cache.erase(statusKey(userId)); }

Session AccountService::issueSession(const Account& account) {
  const std::string refreshToken = newOpaqueToken();
  deps_.store.insertRefreshToken(
      {hashOpaqueToken(refreshToken), newId(), account.userId,
       nowSeconds() + options_.refreshTokenLifetime.count()},
      formatRfc3339(deps_.clock.now()));
  return {{account.userId, account.email, account.name, account.role},
          deps_.jwt.sign(account.userId, account.role),
          refreshToken,
          deps_.jwt.lifetime().count()};
}

Session AccountService::registerAccount(const std::string& email, const std::string& password,
                                        const std::string& name) {
  const PublicUser user = createAccount(email, password, name, "customer");
  auto account = deps_.store.findById(user.id);
  if (!account) throw Error(ErrorKind::kInternal, "internal", "account vanished after creation");
  return issueSession(*account);
}

PublicUser AccountService::createAccount(const std::string& email, const std::string& password,
                                         const std::string& name, const std::string& role) {
  Account account;
  account.email = normalizeEmail(email);
  validatePassword(password);
  account.name = normalizeName(name);
  if (role != "customer" && role != "admin") throw Error::validation("role", "must be customer or admin");
  account.role = role;
  account.userId = newId();
  account.passwordHash = deps_.hasher.hash(password);
  account.createdAt = formatRfc3339(deps_.clock.now());
  account.passwordChangedAt = account.createdAt;

  const nlohmann::json event = {{"userId", account.userId},
                                {"email", account.email},
                                {"name", account.name},
                                {"role", account.role},
                                {"registeredAt", account.createdAt}};
  if (!deps_.store.createAccount(account, event)) {
    throw Error::conflict("email_taken", "an account with this email already exists");
  }
  // The profile is created now so the client can read it at once; the user.registered
  // event creates it later if this call fails (the user service is down, say).
  try {
    if (auto* users = deps_.userClient ? deps_.userClient() : nullptr) {
      users->ensureProfile({account.userId, account.email, account.name, account.role});
    }
  } catch (const std::exception& e) {
    log::warn("profile creation deferred to the user.registered event",
              {{"userId", account.userId}, {"detail", e.what()}});
  }
  log::info("account registered", {{"userId", account.userId}, {"role", account.role}});
  return {account.userId, account.email, account.name, account.role};
}

Session AccountService::login(const std::string& email, const std::string& password,
                              const std::string& clientAddress) {
  const std::string key = canonicalEmail(email);
  deps_.throttle.check(key, clientAddress);

  std::optional<Account> account;
  if (key.size() <= kMaxEmailLength) account = deps_.store.findByEmail(key);
  bool ok = false;
  if (account) {
    ok = deps_.hasher.verify(account->passwordHash, password);
  } else {
    deps_.hasher.verifyDummy(password);  // same cost as a real check: no account oracle
  }
  if (!ok) {
    const auto delay = deps_.throttle.recordFailure(key, clientAddress);
    if (delay.count() > 0 && deps_.sleep) deps_.sleep(delay);
    throw invalidCredentials();
  }
  deps_.throttle.recordSuccess(key);
  if (account->disabled) {
    // Told only to someone who knows the password, so it reveals nothing to a guesser.
    throw Error(ErrorKind::kForbidden, "account_disabled", "this account is disabled");
  }
  return issueSession(*account);
}

Session AccountService::refresh(const std::string& refreshToken) {
  if (!looksLikeOpaqueToken(refreshToken)) throw invalidRefreshToken();
  const std::int64_t now = nowSeconds();
  const std::string replacement = newOpaqueToken();
  const auto result = deps_.store.rotateRefreshToken(
      hashOpaqueToken(refreshToken), hashOpaqueToken(replacement),
      now + options_.refreshTokenLifetime.count(), now, formatRfc3339(deps_.clock.now()));
  if (result.outcome == RotationOutcome::kReused) {
    log::warn("refresh token reused; family revoked",
              {{"userId", result.userId}, {"familyId", result.familyId}});
    throw invalidRefreshToken();
  }
  if (result.outcome != RotationOutcome::kRotated) throw invalidRefreshToken();

  auto account = deps_.store.findById(result.userId);
  if (!account || account->disabled) {
    deps_.store.revokeFamily(result.familyId, now);
    throw invalidRefreshToken();
  }
  return {{account->userId, account->email, account->name, account->role},
          deps_.jwt.sign(account->userId, account->role),
          replacement,
          deps_.jwt.lifetime().count()};
}

void AccountService::logout(const std::string& refreshToken) {
  // Idempotent: an unknown or spent token is already as logged out as it can be.
  if (!looksLikeOpaqueToken(refreshToken)) return;
  deps_.store.revokeFamilyOf(hashOpaqueToken(refreshToken), nowSeconds());
}

void AccountService::forgotPassword(const std::string& email) {
  const std::string key = canonicalEmail(email);
  if (key.size() > kMaxEmailLength) return;
  auto account = deps_.store.findByEmail(key);
  if (!account || account->disabled) return;

  // Bounds how many reset emails one account can be sent (mail bombing).
  const auto sent = deps_.cache.increment("auth:reset-mails:" + account->userId, 1,
                                          std::chrono::seconds(3600));
  if (sent > options_.maxResetEmailsPerHour) {
    log::warn("password reset email suppressed: hourly limit", {{"userId", account->userId}});
    return;
  }

  const std::string token = newOpaqueToken();
  const auto minutes = options_.resetTokenLifetime.count() / 60;
  // The notification service sends the email from this event. The link is sealed, so the
  // outbox and the bus never hold a usable token; the table holds only its hash.
  deps_.store.createResetToken(
      account->userId, hashOpaqueToken(token), nowSeconds() + options_.resetTokenLifetime.count(),
      {{"userId", account->userId},
       {"email", account->email},
       {"name", account->name},
       {"sealedResetUrl", deps_.resetLinkBox.seal(options_.resetLinkBase + "?token=" + token)},
       {"expiresInMinutes", minutes},
       {"requestedAt", formatRfc3339(deps_.clock.now())}});
  log::info("password reset requested", {{"userId", account->userId}});
}

void AccountService::resetPassword(const std::string& token, const std::string& newPassword) {
  validatePassword(newPassword);
  auto invalid = [] {
    return Error(ErrorKind::kValidation, "invalid_reset_token",
                 "the reset link is invalid, expired or already used", "token");
  };
  if (!looksLikeOpaqueToken(token)) throw invalid();
  const std::string hash = deps_.hasher.hash(newPassword);
  auto userId = deps_.store.resetPassword(hashOpaqueToken(token), hash, nowSeconds(),
                                          formatRfc3339(deps_.clock.now()));
  if (!userId) throw invalid();
  forgetStatus(*userId);
  if (auto account = deps_.store.findById(*userId)) deps_.throttle.recordSuccess(account->email);
  log::info("password reset", {{"userId", *userId}});
}

VerifiedCaller AccountService::verifyAccessToken(std::string_view token) {
  const AccessClaims claims = deps_.jwt.verify(token);
  const std::string key = statusKey(claims.subject);

  // The status as cached: {"r": role, "d": disabled, "n": tokensNotBefore}.
  nlohmann::json status;
  if (auto cached = deps_.cache.get(key)) {
    status = nlohmann::json::parse(*cached, nullptr, false);
  }
  if (!status.is_object()) {
    auto account = deps_.store.findById(claims.subject);
    status = account ? nlohmann::json{{"r", account->role},
                                      {"d", account->disabled},
                                      {"n", account->tokensNotBefore}}
                     : nlohmann::json{{"gone", true}};
    deps_.cache.set(key, status.dump(), options_.statusCacheTtl);
  }
  if (status.value("gone", false) || status.value("d", false)) {
    throw Error(ErrorKind::kUnauthenticated, "invalid_token", "the access token is not valid");
  }
  if (claims.issuedAt < status.value("n", std::int64_t{0})) {
    throw Error(ErrorKind::kUnauthenticated, "token_revoked", "the access token was revoked");
  }
  return {claims.subject, status.value("r", std::string("customer"))};
}

void AccountService::syncAccount(const AccountUpdate& update) {
  if (deps_.store.applyUpdate(update, nowSeconds())) forgetStatus(update.userId);
}

void AccountService::deleteAccount(const std::string& userId) {
  deps_.store.deleteAccount(userId);
  forgetStatus(userId);
}

nlohmann::json AccountService::exportAccount(const std::string& userId) {
  auto account = deps_.store.findById(userId);
  if (!account) return nullptr;
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : deps_.store.liveSessions(userId, nowSeconds())) {
    sessions.push_back({{"id", s.familyId},
                        {"createdAt", s.createdAt},
                        {"expiresAt", formatRfc3339(TimePoint(std::chrono::seconds(s.expiresAt)))}});
  }
  return {{"email", account->email},
          {"role", account->role},
          {"disabled", account->disabled},
          {"createdAt", account->createdAt},
          {"passwordChangedAt", account->passwordChangedAt},
          {"activeSessions", sessions}};
}

}  // namespace um::auth

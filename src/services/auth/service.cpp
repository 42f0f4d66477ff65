#include "services/auth/service.hpp"

#include <thread>

#include "adapters/bus/event_bus.hpp"
#include "core/crypto/sealed_box.hpp"
#include "core/log.hpp"
#include "services/auth/api/auth_routes.hpp"
#include "services/auth/api/bearer_token_verifier.hpp"
#include "services/auth/client.hpp"
#include "services/auth/domain/account_service.hpp"
#include "services/auth/in_process_client.hpp"
#include "services/auth/store/sql_auth_store.hpp"
#include "services/user/client.hpp"

namespace um::auth {

namespace {

// Owns the parts AccountService refers to, so one shared_ptr keeps them all alive.
struct Components {
  Components(const AuthWiring& w)
      : store(w.database),
        jwt(w.config.jwtSecret, w.config.jwtExpiresIn, w.clock),
        throttle(w.cache, w.clock),
        resetLinkBox(w.config.jwtSecret, kResetLinkSealPurpose),
        accounts({store, hasher, jwt, throttle, w.cache, resetLinkBox, w.clock, w.userClient,
                  [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }},
                 options(w.config)) {}

  static AccountServiceOptions options(const Config& config) {
    AccountServiceOptions o;
    o.refreshTokenLifetime = config.refreshTokenExpiresIn;
    const std::string base =
        config.publicUrl.empty() ? "http://localhost:" + std::to_string(config.port) : config.publicUrl;
    o.resetLinkBase = (base.ends_with('/') ? base.substr(0, base.size() - 1) : base) + "/reset-password";
    return o;
  }

  SqlAuthStore store;
  PasswordHasher hasher;
  JwtCodec jwt;
  LoginThrottle throttle;
  crypto::SealedBox resetLinkBox;
  AccountService accounts;
};

// user.updated and user.deleted keep auth's copy converged when a direct call was lost.
// Both effects are idempotent (versioned update, delete), so redelivery is harmless.
void onUserEvent(AccountService& accounts, const bus::Event& event) {
  if (event.type != "user.updated" && event.type != "user.deleted") return;
  const auto payload = nlohmann::json::parse(event.payload);
  const auto userId = payload.at("userId").get<std::string>();
  if (event.type == "user.deleted") {
    accounts.deleteAccount(userId);
    return;
  }
  accounts.syncAccount({userId, payload.at("name").get<std::string>(),
                        payload.at("role").get<std::string>(), payload.at("disabled").get<bool>(),
                        payload.at("version").get<std::int64_t>()});
}

}  // namespace

std::shared_ptr<AccountService> buildAccountService(const AuthWiring& wiring) {
  auto parts = std::make_shared<Components>(wiring);
  return std::shared_ptr<AccountService>(parts, &parts->accounts);
}

void registerAuthService(ServiceContext& ctx) {
  ClientRegistry& clients = ctx.clients;
  auto accounts = buildAccountService(
      {ctx.config, ctx.clock, ctx.database, ctx.cache,
       [&clients]() -> user::Client* {
         return clients.has<user::Client>() ? &clients.get<user::Client>() : nullptr;
       }});

  ctx.clients.provide<TokenVerifier>(std::make_shared<BearerTokenVerifier>(accounts));
  ctx.clients.provide<Client>(makeInProcessClient(accounts));
  addAuthRoutes(ctx.router, accounts);
  ctx.bus.subscribe("auth", {"user"},
                    [accounts](const bus::Event& event) { onUserEvent(*accounts, event); });
}

}  // namespace um::auth

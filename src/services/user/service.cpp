#include "services/user/service.hpp"

#include "adapters/bus/consumer.hpp"
#include "adapters/bus/event_bus.hpp"
#include "adapters/sql/database.hpp"
#include "services/auth/client.hpp"
#include "services/user/api/user_routes.hpp"
#include "services/user/domain/user_service.hpp"
#include "services/user/in_process_client.hpp"
#include "services/user/store/sql_user_store.hpp"

namespace um::user {

namespace {

struct Components {
  Components(sql::Database& db, const Clock& clock, std::function<auth::Client*()> authClient)
      : store(db), users(store, clock, std::move(authClient)) {}
  SqlUserStore store;
  UserService users;
};

}  // namespace

std::shared_ptr<UserService> buildUserService(sql::Database& database, const Clock& clock,
                                              std::function<auth::Client*()> authClient) {
  auto parts = std::make_shared<Components>(database, clock, std::move(authClient));
  return std::shared_ptr<UserService>(parts, &parts->users);
}

void registerUserService(ServiceContext& ctx) {
  ClientRegistry& clients = ctx.clients;
  auto users = buildUserService(ctx.database, ctx.clock, [&clients]() -> auth::Client* {
    return clients.has<auth::Client>() ? &clients.get<auth::Client>() : nullptr;
  });
  ctx.clients.provide<Client>(makeInProcessClient(users));
  addUserRoutes(ctx.router, ctx.authenticator, users);
  addAdminUserRoutes(ctx.router, ctx.authenticator, users);

  // The profile of a registration normally exists already (auth calls ensureProfile
  // directly); the event covers the case where that call could not be made.
  ctx.bus.subscribe("user", {"user"}, [users](const bus::Event& event) {
    if (event.type != "user.registered") return;
    const auto p = nlohmann::json::parse(event.payload);
    users->ensureProfile({p.at("userId").get<std::string>(), p.at("email").get<std::string>(),
                          p.at("name").get<std::string>(), p.at("role").get<std::string>()});
  });
}

}  // namespace um::user

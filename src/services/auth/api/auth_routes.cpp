#include "services/auth/api/auth_routes.hpp"

#include "core/http/json_fields.hpp"
#include "services/auth/domain/account_service.hpp"
#include "services/auth/domain/credential_rules.hpp"

namespace um::auth {

namespace {

// Refresh and reset tokens are 43 characters; anything much longer is not one of ours.
constexpr std::size_t kMaxTokenField = 512;

http::Json sessionJson(const Session& s) {
  return {{"user", {{"id", s.user.id}, {"email", s.user.email}, {"name", s.user.name},
                    {"role", s.user.role}}},
          {"accessToken", s.accessToken},
          {"refreshToken", s.refreshToken},
          {"tokenType", "Bearer"},
          {"expiresIn", s.expiresIn}};
}

}  // namespace

void addAuthRoutes(http::Router& router, std::shared_ptr<AccountService> service) {
  // The router outlives this call; each handler shares ownership of the service.
  router.add("POST", "/v2/auth/register", [service](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"email", "password", "name"});
    const auto email = f.requiredString("email", kMaxEmailLength);
    const auto password = f.requiredString("password", kMaxPasswordLength);
    const auto name = f.requiredString("name", kMaxNameLength);
    return http::Response::json(201, sessionJson(service->registerAccount(email, password, name)));
  });

  router.add("POST", "/v2/auth/login", [service](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"email", "password"});
    const auto email = f.requiredString("email", kMaxEmailLength);
    const auto password = f.requiredString("password", kMaxPasswordLength);
    return http::Response::json(200, sessionJson(service->login(email, password, req.remoteAddress)));
  });

  router.add("POST", "/v2/auth/refresh", [service](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"refreshToken"});
    const auto token = f.requiredString("refreshToken", kMaxTokenField);
    return http::Response::json(200, sessionJson(service->refresh(token)));
  });

  router.add("POST", "/v2/auth/logout", [service](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"refreshToken"});
    service->logout(f.requiredString("refreshToken", kMaxTokenField));
    return http::Response::noContent();
  });

  router.add("POST", "/v2/auth/password/forgot", [service](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"email"});
    service->forgotPassword(f.requiredString("email", kMaxEmailLength));
    return http::Response::json(
        202, {{"message", "if an account uses this email, a reset link is on its way"}});
  });

  router.add("POST", "/v2/auth/password/reset", [service](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"token", "password"});
    const auto token = f.requiredString("token", kMaxTokenField);
    const auto password = f.requiredString("password", kMaxPasswordLength);
    service->resetPassword(token, password);
    return http::Response::noContent();
  });
}

}  // namespace um::auth

#include "services/user/api/user_routes.hpp"

#include "core/error.hpp"
#include "core/http/json_fields.hpp"
#include "services/user/api/request_parsing.hpp"
#include "services/user/domain/user_service.hpp"

namespace um::user {

namespace {

http::RouteOptions signedIn(const http::Authenticator& authenticator) {
  return {{http::authenticate(authenticator), http::requireAuthenticated()}};
}

http::RouteOptions adminOnly(const http::Authenticator& authenticator) {
  return {{http::authenticate(authenticator), http::requireRole("admin")}};
}

const std::string& me(const http::Request& req) { return req.principal->userId; }

http::Json addressList(const std::vector<Address>& addresses) {
  http::Json items = http::Json::array();
  for (const auto& a : addresses) items.push_back(addressJson(a));
  return {{"items", items}, {"total", addresses.size()}, {"nextCursor", nullptr}};
}

}  // namespace

void addUserRoutes(http::Router& router, const http::Authenticator& authenticator,
                   std::shared_ptr<UserService> users) {
  router.add("GET", "/v2/users/me", [users](http::Request& req) {
    return http::Response::json(200, profileJson(users->profile(me(req))));
  }, signedIn(authenticator));

  router.add("PATCH", "/v2/users/me", [users](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"name", "phone"});
    ProfilePatch patch;
    if (f.has("name")) patch.name = f.requiredString("name", 1000);
    patch.phone = f.nullableString("phone", 1000);
    return http::Response::json(200, profileJson(users->updateProfile(me(req), patch)));
  }, signedIn(authenticator));

  router.add("DELETE", "/v2/users/me", [users](http::Request& req) {
    users->erase(me(req));
    return http::Response::noContent();
  }, signedIn(authenticator));

  router.add("GET", "/v2/users/me/export", [users](http::Request& req) {
    auto res = http::Response::json(200, users->exportData(me(req)));
    res.headers.set("Content-Disposition", "attachment; filename=\"ultramarket-export.json\"");
    res.headers.set("Cache-Control", "no-store");
    return res;
  }, signedIn(authenticator));

  router.add("GET", "/v2/users/me/addresses", [users](http::Request& req) {
    return http::Response::json(200, addressList(users->addresses(me(req))));
  }, signedIn(authenticator));

  router.add("POST", "/v2/users/me/addresses", [users](http::Request& req) {
    const auto patch = parseAddressPatch(req.jsonObject());
    return http::Response::json(201, addressJson(users->addAddress(me(req), patch)));
  }, signedIn(authenticator));

  router.add("PATCH", "/v2/users/me/addresses/{id}", [users](http::Request& req) {
    const auto patch = parseAddressPatch(req.jsonObject());
    return http::Response::json(
        200, addressJson(users->updateAddress(me(req), req.param("id"), patch)));
  }, signedIn(authenticator));

  router.add("DELETE", "/v2/users/me/addresses/{id}", [users](http::Request& req) {
    users->deleteAddress(me(req), req.param("id"));
    return http::Response::noContent();
  }, signedIn(authenticator));
}

void addAdminUserRoutes(http::Router& router, const http::Authenticator& authenticator,
                        std::shared_ptr<UserService> users) {
  router.add("GET", "/v2/admin/users", [users](http::Request& req) {
    const int limit = parseLimit(req);
    auto query = req.queryParam("q");
    if (query && http::utf8Length(*query) > 100) {
      throw Error::validation("q", "must be at most 100 characters");
    }
    auto cursor = req.queryParam("cursor");
    if (cursor && cursor->size() > 64) throw Error::validation("cursor", "is not a valid cursor");
    const auto page = users->search(query, limit, cursor);
    http::Json items = http::Json::array();
    for (const auto& p : page.items) items.push_back(profileJson(p, true));
    return http::Response::json(200, {{"items", items},
                                      {"total", page.total},
                                      {"nextCursor", page.nextCursor ? http::Json(*page.nextCursor)
                                                                     : http::Json(nullptr)}});
  }, adminOnly(authenticator));

  router.add("GET", "/v2/admin/users/{id}", [users](http::Request& req) {
    return http::Response::json(200, profileJson(users->profile(req.param("id")), true));
  }, adminOnly(authenticator));

  router.add("PATCH", "/v2/admin/users/{id}", [users](http::Request& req) {
    const auto body = req.jsonObject();
    const http::JsonFields f(body, {"role", "disabled"});
    const auto role = f.optionalString("role", 32);
    const auto disabled = f.optionalBool("disabled");
    if (f.has("role") && !role) throw Error::validation("role", "must be customer or admin");
    if (f.has("disabled") && !disabled) throw Error::validation("disabled", "must be true or false");
    return http::Response::json(
        200, profileJson(users->adminUpdate(me(req), req.param("id"), role, disabled), true));
  }, adminOnly(authenticator));
}

}  // namespace um::user

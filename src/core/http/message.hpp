#pragma once

// Transport-neutral HTTP request and response. Handlers and middleware see only these, so
// they compile without Beast (one Beast translation unit costs ~35 s here).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace um::http {

using Json = nlohmann::json;

// Header names compare case-insensitively (RFC 9110 §5.1).
class Headers {
 public:
  void set(std::string name, std::string value);
  void add(std::string name, std::string value);
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& all() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// Who made the request, once an authentication middleware has verified them.
struct Principal {
  std::string userId;
  std::string role;  // "customer" | "admin"
  bool isAdmin() const { return role == "admin"; }
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {id}
  Headers headers;
  std::string body;
  std::string remoteAddress;

  // Filled by the server and middleware.
  std::string requestId;
  std::string routePattern;  // "/v2/products/{id}", the metric label
  std::optional<Principal> principal;

  // The body as a JSON value. Throws Error 415 when it is not declared JSON, 400 when it does
  // not parse. An empty body reads as an empty object.
  Json json() const;
  // The body as a JSON object (400 "body must be a JSON object" otherwise).
  Json jsonObject() const;

  std::optional<std::string> queryParam(const std::string& name) const;
  const std::string& param(const std::string& name) const;  // throws if the route has none
  std::optional<std::string_view> header(std::string_view name) const {
    return headers.get(name);
  }
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // Immutable bytes shared with a cache (a pre-serialised catalog page, a static file), sent
  // instead of `body` when set: a hot answer is then never copied per request.
  std::shared_ptr<const std::string> sharedBody;

  // The bytes to send, whichever of the two holds them.
  std::string_view payload() const { return sharedBody ? std::string_view(*sharedBody) : body; }

  static Response json(int status, const Json& body);
  static Response noContent();
  static Response text(int status, std::string body, std::string contentType);
  static Response shared(int status, std::shared_ptr<const std::string> body,
                         std::string contentType);
};

}  // namespace um::http

#pragma once

// The outbound HTTP port: how the platform calls other companies' APIs (Stripe, PayPal,
// later SendGrid). Callers see plain structs; only beast/beast_http_client.cpp includes
// Beast and Asio (one such translation unit costs ~35 s to compile here).

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace um::http_client {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  std::string url;  // http://… or https://…
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds timeout{15000};  // connect + write + read, as one deadline
};

struct Response {
  int status = 0;
  HeaderList headers;
  std::string body;

  // Case-insensitive, first match.
  std::optional<std::string> header(std::string_view name) const;
};

// The peer could not be reached or did not answer in time. Whether the request took effect
// is unknown, which is why every mutating call to a provider carries an idempotency key.
class TransportError : public Error {
 public:
  explicit TransportError(std::string detail)
      : Error(ErrorKind::kUnavailable, "upstream_unavailable", std::move(detail)) {}
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Blocking; throws TransportError. Any HTTP status is a Response, not an exception.
  virtual Response send(const Request& request) = 0;
};

struct ClientOptions {
  // Verify the server's certificate and host name (off only for local test servers).
  bool verifyTls = true;
  std::string userAgent = "ultramarket/2";
};

// The Boost.Beast implementation (HTTP/1.1; TLS through OpenSSL for https URLs).
std::shared_ptr<HttpClient> makeBeastHttpClient(ClientOptions options = {});

struct Url {
  std::string scheme;  // "http" | "https"
  std::string host;
  std::string port;    // always set: the scheme's default when the URL has none
  std::string target;  // path and query, at least "/"
};

// Throws Error(kInternal) for anything but an absolute http(s) URL: URLs come from our
// configuration, so a bad one is our bug.
Url parseUrl(std::string_view url);

// application/x-www-form-urlencoded, the way Stripe expects it (RFC 3986 unreserved kept).
std::string formEncode(const HeaderList& fields);
std::string percentEncode(std::string_view text);

}  // namespace um::http_client

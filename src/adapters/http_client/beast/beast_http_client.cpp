// Asio's awaitable.hpp uses std::exchange without including <utility> on some versions.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>

#include "adapters/http_client/http_client.hpp"
#include "core/trace_context.hpp"

namespace um::http_client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {

// Provider answers are small; anything bigger is not one of theirs.
constexpr std::uint64_t kMaxResponseBytes = 8 * 1024 * 1024;

bhttp::request<bhttp::string_body> toBeast(const Request& request, const Url& url,
                                           const std::string& userAgent) {
  bhttp::request<bhttp::string_body> out;
  out.method_string(request.method);
  out.target(url.target);
  out.version(11);
  const bool defaultPort = (url.scheme == "https" && url.port == "443") ||
                           (url.scheme == "http" && url.port == "80");
  out.set(bhttp::field::host, defaultPort ? url.host : url.host + ":" + url.port);
  out.set(bhttp::field::user_agent, userAgent);
  // The next hop joins the trace of the request that made this call (W3C Trace Context).
  if (const TraceContext* trace = currentTrace()) out.set("traceparent", trace->traceparent());
  for (const auto& [name, value] : request.headers) out.set(name, value);
  out.body() = request.body;
  out.prepare_payload();
  out.keep_alive(false);
  return out;
}

Response fromBeast(bhttp::response<bhttp::string_body>&& in) {
  Response out;
  out.status = static_cast<int>(in.result_int());
  for (const auto& field : in) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(in.body());
  return out;
}

template <typename Stream>
asio::awaitable<Response> exchange(Stream& stream, const bhttp::request<bhttp::string_body>& req) {
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return fromBeast(parser.release());
}

class BeastHttpClient final : public HttpClient {
 public:
  explicit BeastHttpClient(ClientOptions options)
      : options_(std::move(options)), tls_(ssl::context::tls_client) {
    tls_.set_default_verify_paths();
    tls_.set_verify_mode(options_.verifyTls ? ssl::verify_peer : ssl::verify_none);
  }

  Response send(const Request& request) override {
    const Url url = parseUrl(request.url);
    const auto req = toBeast(request, url, options_.userAgent);
    // One io_context per call keeps the client blocking and thread-safe without a shared
    // event loop; provider calls are few next to the requests we serve.
    asio::io_context ioc;
    auto future = asio::co_spawn(ioc, call(url, req, request.timeout), asio::use_future);
    ioc.run();
    try {
      return future.get();
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      // Never the URL's query or the body: they may carry secrets.
      throw TransportError(request.method + " " + url.scheme + "://" + url.host + ":" + url.port +
                           " failed: " + e.what());
    }
  }

 private:
  asio::awaitable<Response> call(Url url, const bhttp::request<bhttp::string_body>& req,
                                 std::chrono::milliseconds timeout) {
    auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    const auto endpoints = co_await resolver.async_resolve(url.host, url.port, asio::use_awaitable);
    if (url.scheme == "http") {
      beast::tcp_stream stream(executor);
      stream.expires_after(timeout);
      co_await stream.async_connect(endpoints, asio::use_awaitable);
      auto response = co_await exchange(stream, req);
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      co_return response;
    }
    beast::ssl_stream<beast::tcp_stream> stream(executor, tls_);
    // SNI, and the name the certificate must carry.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
      throw std::runtime_error("cannot set the TLS server name");
    }
    if (options_.verifyTls) stream.set_verify_callback(ssl::host_name_verification(url.host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    auto response = co_await exchange(stream, req);
    // Servers often drop TCP without a TLS close_notify; the response is complete already.
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return response;
  }

  ClientOptions options_;
  ssl::context tls_;
};

}  // namespace

std::shared_ptr<HttpClient> makeBeastHttpClient(ClientOptions options) {
  return std::make_shared<BeastHttpClient>(std::move(options));
}

}  // namespace um::http_client

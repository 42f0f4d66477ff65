// Asio's awaitable.hpp uses std::exchange without including <utility> on some versions.
#include <utility>

#include "core/http/server/server.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast.hpp>

#include "core/error.hpp"
#include "core/http/error_response.hpp"
#include "core/http/target.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"

namespace um::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Marks a session as idle (between requests) so a drain may close it.
struct SessionState {
  std::atomic<bool> idle{true};
  beast::tcp_stream* stream = nullptr;
  beast::flat_buffer* buffer = nullptr;
};

Request toRequest(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
  Request req;
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  splitTarget(req.target, req.path, req.query);
  for (const auto& field : in) {
    req.headers.add(std::string(field.name_string()), std::string(field.value()));
  }
  req.body = std::move(in.body());
  req.remoteAddress = remote;
  return req;
}

// The answer as Beast sends it. The body is a view of `res`'s bytes (its own string or a
// buffer shared with a cache), so `res` must outlive the write; nothing is copied.
using OutgoingResponse = bhttp::response<bhttp::span_body<const char>>;

OutgoingResponse toBeast(const Response& res, unsigned version, bool keepAlive, bool headOnly) {
  OutgoingResponse out{static_cast<bhttp::status>(res.status), version};
  for (const auto& [name, value] : res.headers.all()) out.insert(name, value);
  out.set(bhttp::field::server, "ultramarket");
  out.keep_alive(keepAlive);
  const std::string_view bytes = res.payload();
  if (headOnly) {
    out.content_length(bytes.size());
  } else {
    out.body() = boost::span<const char>(bytes.data(), bytes.size());
    out.prepare_payload();
  }
  return out;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, std::vector<Middleware> global)
      : options_(std::move(options)),
        router_(router),
        ioc_(ioThreadCount()),
        workers_(static_cast<std::size_t>(options_.workerThreads)),
        acceptor_(ioc_),
        signals_(ioc_),
        global_(global) {
    // Compose the global chain once per route, and once for the 404/405 answers.
    for (const auto& route : router_.routes()) {
      chains_.emplace(route.get(), wrap(global, route->handler));
    }
    notFound_ = wrap(global, [](Request& req) -> Response {
      throw Error(ErrorKind::kNotFound, "not_found", "no route for " + req.path);
    });
    if (router_.fallback()) fallback_ = wrap(global, router_.fallback());
    methodNotAllowed_ = wrap(global, [](Request& req) -> Response {
      throw Error(ErrorKind::kMethodNotAllowed, "method_not_allowed",
                  req.method + " is not allowed on " + req.path);
    });
  }

  std::uint16_t listen() {
    tcp::endpoint endpoint{asio::ip::make_address(options_.address), options_.port};
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    return acceptor_.local_endpoint().port();
  }

  void run() {
    if (options_.handleSignals) {
      signals_.add(SIGTERM);
      signals_.add(SIGINT);
      signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (!ec) {
          log::info("signal received, draining", {{"signal", signal}});
          shutdown();
        }
      });
    }
    asio::co_spawn(ioc_, accept(), asio::detached);
    std::vector<std::thread> threads;
    const int n = ioThreadCount();
    for (int i = 1; i < n; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
    workers_.join();
  }

  void shutdown() {
    asio::post(ioc_, [this] {
      if (draining_.exchange(true)) return;
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      signals_.cancel(ignored);
      closeIdleSessions();
      asio::co_spawn(ioc_, waitForDrain(), asio::detached);
    });
  }

  bool draining() const { return draining_.load(); }

 private:
  int ioThreadCount() const {
    if (options_.ioThreads > 0) return options_.ioThreads;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }

  static Handler wrap(const std::vector<Middleware>& global, Handler handler) {
    for (auto it = global.rbegin(); it != global.rend(); ++it) {
      handler = [mw = *it, next = std::move(handler)](Request& req) { return mw(req, next); };
    }
    return handler;
  }

  asio::awaitable<void> accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(
          asio::make_strand(ioc_), asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (draining_ || ec == asio::error::operation_aborted) co_return;
        log::warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> session(tcp::socket socket) {
    std::string remote;
    boost::system::error_code ec;
    auto endpoint = socket.remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();
    socket.set_option(tcp::no_delay(true), ec);

    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    auto state = std::make_shared<SessionState>();
    state->stream = &stream;
    state->buffer = &buffer;
    track(state);

    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.maxHeaderBytes));
      parser.body_limit(options_.maxBodyBytes);
      state->idle = true;
      if (draining_ && buffer.size() == 0) break;
      // Idle keep-alive connections get the long timeout until bytes arrive; then the
      // whole request must come within requestTimeout (slow-loris defence).
      stream.expires_after(buffer.size() > 0 ? options_.requestTimeout : options_.idleTimeout);
      auto [readEc, n] = co_await bhttp::async_read_header(stream, buffer, parser,
                                                            asio::as_tuple(asio::use_awaitable));
      state->idle = false;
      if (!readEc && !parser.is_done()) {
        stream.expires_after(options_.requestTimeout);
        std::tie(readEc, n) = co_await bhttp::async_read(stream, buffer, parser,
                                                         asio::as_tuple(asio::use_awaitable));
      }
      if (readEc) {
        if (auto reject = rejectionFor(readEc)) {
          // Answered before any middleware runs, so the request id is set here: the
          // contract promises one on every response.
          const std::string requestId = newRequestId();
          auto res = errorResponse(*reject, requestId);
          res.headers.set("X-Request-Id", requestId);
          res.headers.set("Connection", "close");
          auto out = toBeast(res, 11, false, false);
          co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
        }
        break;
      }

      auto beastReq = parser.release();
      const unsigned version = beastReq.version();
      const bool clientKeepAlive = beastReq.keep_alive();
      const bool headOnly = beastReq.method() == bhttp::verb::head;
      Request req = toRequest(std::move(beastReq), remote);

      inFlight_.fetch_add(1);
      Response res = co_await dispatch(req);
      inFlight_.fetch_sub(1);

      const bool keepAlive = clientKeepAlive && !draining_;
      stream.expires_after(options_.requestTimeout);
      auto out = toBeast(res, version, keepAlive, headOnly);
      auto [writeEc, written] =
          co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      if (writeEc || !keepAlive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    untrack(state);
  }

  // What a parse failure is answered with; nullopt → just close (client went away).
  static std::optional<Error> rejectionFor(const boost::system::error_code& ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == bhttp::error::partial_message) {
      return std::nullopt;
    }
    if (ec == bhttp::error::body_limit) {
      return Error(ErrorKind::kPayloadTooLarge, "payload_too_large", "the body is too large");
    }
    if (ec == bhttp::error::header_limit) {
      return Error(ErrorKind::kValidation, "headers_too_large", "the request headers are too large");
    }
    return Error(ErrorKind::kValidation, "bad_request", "the request is not valid HTTP/1.1");
  }

  asio::awaitable<Response> dispatch(Request& req) {
    Router::Match match = router_.match(req);
    const Handler* handler = &notFound_;
    Execution execution = Execution::kInline;
    if (match.route) {
      handler = &chains_.at(match.route);
      execution = match.route->execution;
    } else if (!match.allowedMethods.empty()) {
      handler = &methodNotAllowed_;
    } else if (fallback_ && (req.method == "GET" || req.method == "HEAD")) {
      handler = &fallback_;
    }
    if (match.route && match.route->fastPath) {
      if (auto answer = tryFastPath(*match.route, req)) {
        co_return withGlobalMiddleware(req, [&answer](Request&) { return std::move(*answer); });
      }
    }
    if (execution == Execution::kInline) {
      Response res = (*handler)(req);
      if (!match.route && !match.allowedMethods.empty()) res.headers.set("Allow", match.allowedMethods);
      co_return res;
    }
    // Hop to the worker pool and back: the I/O thread keeps serving other connections
    // while this handler waits on a database.
    co_return co_await asio::co_spawn(
        workers_, [handler, &req]() -> asio::awaitable<Response> { co_return (*handler)(req); },
        asio::use_awaitable);
  }

  static std::optional<Response> tryFastPath(const Route& route, const Request& req) {
    try {
      return route.fastPath(req);
    } catch (...) {
      return std::nullopt;  // the handler will answer, or report, properly
    }
  }

  // The global middleware around an answer chosen per request (a fast path's), composed
  // on the fly. Each link captures only two words, so std::function keeps it inline.
  struct GlobalChain {
    const std::vector<Middleware>* links;
    const Handler* inner;
  };
  static Response runChain(const GlobalChain& chain, std::size_t i, Request& req) {
    if (i == chain.links->size()) return (*chain.inner)(req);
    return (*chain.links)[i](req, [&chain, i](Request& r) { return runChain(chain, i + 1, r); });
  }
  Response withGlobalMiddleware(Request& req, const Handler& inner) const {
    return runChain(GlobalChain{&global_, &inner}, 0, req);
  }

  void track(const std::shared_ptr<SessionState>& s) {
    std::lock_guard lock(sessionsMutex_);
    sessions_.insert(s);
  }
  void untrack(const std::shared_ptr<SessionState>& s) {
    std::lock_guard lock(sessionsMutex_);
    sessions_.erase(s);
  }

  void closeIdleSessions() {
    std::lock_guard lock(sessionsMutex_);
    for (const auto& s : sessions_) {
      // Each stream belongs to its strand; cancel there, and only if still idle with no
      // partial request buffered.
      asio::post(s->stream->get_executor(), [s] {
        if (s->idle && s->buffer->size() == 0) s->stream->cancel();
      });
    }
  }

  asio::awaitable<void> waitForDrain() {
    asio::steady_timer timer(ioc_);
    const auto deadline = std::chrono::steady_clock::now() + options_.shutdownGrace;
    for (;;) {
      std::size_t open = 0;
      {
        std::lock_guard lock(sessionsMutex_);
        open = sessions_.size();
      }
      if (open == 0 && inFlight_ == 0) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        log::warn("drain grace expired", {{"openConnections", open}, {"inFlight", inFlight_.load()}});
        break;
      }
      closeIdleSessions();
      timer.expires_after(std::chrono::milliseconds(50));
      co_await timer.async_wait(asio::use_awaitable);
    }
    log::info("drained, stopping");
    ioc_.stop();
  }

  ServerOptions options_;
  const Router& router_;
  asio::io_context ioc_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::vector<Middleware> global_;
  std::unordered_map<const Route*, Handler> chains_;
  Handler notFound_;
  Handler fallback_;
  Handler methodNotAllowed_;
  std::atomic<bool> draining_{false};
  std::atomic<int> inFlight_{0};
  std::mutex sessionsMutex_;
  std::unordered_set<std::shared_ptr<SessionState>> sessions_;
};

Server::Server(ServerOptions options, const Router& router, std::vector<Middleware> global)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(global))) {}
Server::~Server() = default;
std::uint16_t Server::listen() { return impl_->listen(); }
void Server::run() { impl_->run(); }
void Server::shutdown() { impl_->shutdown(); }
bool Server::draining() const { return impl_->draining(); }

}  // namespace um::http

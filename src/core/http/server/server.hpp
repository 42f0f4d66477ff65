#pragma once

// The HTTP/1.1 server on Boost.Beast. This header stays free of Beast and Asio; only
// server.cpp includes them (one Beast translation unit costs ~35 s to compile here).
//
// Each connection is a C++20 coroutine on its own strand. Requests are parsed with limits
// (header bytes, body bytes → 413, a deadline for a whole request against slow clients),
// routed on the I/O thread, then run on the worker pool unless the route is kInline.
// SIGTERM/SIGINT start a graceful drain: stop accepting, answer /ready with 503, finish
// in-flight requests, close idle keep-alive connections, exit when done or after the grace.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/http/router.hpp"

namespace um::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  std::uint16_t port = 3000;  // 0 → any free port (tests)
  int ioThreads = 0;          // 0 → one per core
  int workerThreads = 32;
  std::size_t maxBodyBytes = 1 << 20;
  std::size_t maxHeaderBytes = 16 * 1024;
  std::chrono::seconds requestTimeout{30};  // for one request's bytes, once the first arrived
  std::chrono::seconds idleTimeout{60};     // keep-alive connection with no request
  std::chrono::seconds shutdownGrace{25};
  bool handleSignals = true;
};

class Server {
 public:
  // `global` middleware wraps every route and the 404/405 answers, outermost first.
  Server(ServerOptions options, const Router& router, std::vector<Middleware> global);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port.
  std::uint16_t listen();
  // Serves until a drain completes. Call listen() first.
  void run();
  // Starts a graceful drain; safe from any thread.
  void shutdown();
  bool draining() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace um::http

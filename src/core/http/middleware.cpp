#include "core/http/middleware.hpp"

#include <chrono>

#include "core/error.hpp"
#include "core/http/error_response.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/trace_context.hpp"

namespace um::http {

namespace {

bool acceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

Middleware requestId() {
  return [](Request& req, const Handler& next) {
    auto sent = req.header("X-Request-Id");
    req.requestId = sent && acceptableRequestId(*sent) ? std::string(*sent) : newRequestId();
    Response res = next(req);
    res.headers.set("X-Request-Id", req.requestId);
    return res;
  };
}

Middleware traceContext() {
  return [](Request& req, const Handler& next) {
    const TraceContext context = continueOrStartTrace(req.header("traceparent"));
    const ScopedTrace current(context);
    return next(req);
  };
}

Middleware metrics(Metrics& metrics) {
  return [&metrics](Request& req, const Handler& next) {
    const auto start = std::chrono::steady_clock::now();
    Response res = next(req);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.observeRequest(req.method, req.routePattern.empty() ? "unmatched" : req.routePattern,
                           res.status, seconds);
    return res;
  };
}

Middleware accessLog() {
  return [](Request& req, const Handler& next) {
    const auto start = std::chrono::steady_clock::now();
    Response res = next(req);
    const auto level = res.status >= 500 ? log::Level::kError : log::Level::kInfo;
    if (log::enabled(level)) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      log::write(level, "request",
                 {{"method", req.method},
                  {"path", req.path},
                  {"route", req.routePattern},
                  {"status", res.status},
                  {"durationMs", ms},
                  {"requestId", req.requestId},
                  {"remote", req.remoteAddress}});
    }
    return res;
  };
}

Middleware errorBoundary() {
  return [](Request& req, const Handler& next) {
    try {
      return next(req);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::kInternal || e.kind() == ErrorKind::kUnavailable) {
        log::error("request failed", {{"requestId", req.requestId},
                                      {"route", req.routePattern},
                                      {"code", e.code()},
                                      {"detail", e.what()}});
      }
      return errorResponse(e, req.requestId);
    } catch (const std::exception& e) {
      log::error("unhandled exception", {{"requestId", req.requestId},
                                         {"route", req.routePattern},
                                         {"detail", e.what()}});
      return errorResponse(Error(ErrorKind::kInternal, "internal", e.what()), req.requestId);
    } catch (...) {
      log::error("unhandled non-standard exception", {{"requestId", req.requestId}});
      return errorResponse(Error(ErrorKind::kInternal, "internal", "unknown"), req.requestId);
    }
  };
}

Middleware authenticate(Authenticator authenticator) {
  return [authenticator = std::move(authenticator)](Request& req, const Handler& next) {
    req.principal = authenticator(req);
    return next(req);
  };
}

Middleware requireAuthenticated() {
  return [](Request& req, const Handler& next) {
    if (!req.principal) throw Error::unauthenticated();
    return next(req);
  };
}

Middleware requireRole(std::string role) {
  return [role = std::move(role)](Request& req, const Handler& next) {
    if (!req.principal) throw Error::unauthenticated();
    if (req.principal->role != role) throw Error::forbidden("requires the " + role + " role");
    return next(req);
  };
}

}  // namespace um::http

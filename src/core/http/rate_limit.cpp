#include "core/http/rate_limit.hpp"

#include <vector>

#include "core/error.hpp"

namespace um::http {

namespace {

bool isLimited(std::string_view path) {
  return path.starts_with("/v2/") && !path.starts_with("/v2/payments/webhooks/");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string rateLimitClient(const Request& req, int trustedProxyHops) {
  if (trustedProxyHops <= 0) return req.remoteAddress;
  const auto forwarded = req.header("X-Forwarded-For");
  if (!forwarded) return req.remoteAddress;
  std::vector<std::string_view> hops;
  std::string_view rest = *forwarded;
  while (true) {
    const auto comma = rest.find(',');
    hops.push_back(trim(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  // Each trusted proxy appends the address it saw, so the client is the entry the outermost
  // trusted proxy wrote; anything left of it was written by the client and proves nothing.
  if (hops.size() < static_cast<std::size_t>(trustedProxyHops)) return req.remoteAddress;
  const auto client = hops[hops.size() - static_cast<std::size_t>(trustedProxyHops)];
  return client.empty() ? req.remoteAddress : std::string(client);
}

Middleware rateLimit(RateLimitOptions options, CounterIncrement increment, const Clock& clock) {
  return [options, increment = std::move(increment), &clock](Request& req, const Handler& next) {
    if (!isLimited(req.path)) return next(req);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         clock.now().time_since_epoch())
                         .count();
    const auto window = options.window.count();
    const auto windowStart = now - now % window;
    const std::string key = "ratelimit:" + rateLimitClient(req, options.trustedProxyHops) + ":" +
                            std::to_string(windowStart);
    if (increment(key, options.window) > options.max) {
      throw Error(ErrorKind::kRateLimited, "rate_limited",
                  "too many requests; try again after the Retry-After delay")
          .withRetryAfter(static_cast<int>(windowStart + window - now));
    }
    return next(req);
  };
}

}  // namespace um::http

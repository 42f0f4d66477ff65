#include "core/http/rate_limit.hpp"

#include <map>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace um::http {
namespace {

using std::chrono::seconds;

class SteppingClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(seconds d) { now_ += d; }

 private:
  TimePoint now_ = TimePoint{} + seconds(1'800'000'000);  // a window boundary for 15 min
};

class RateLimitTest : public ::testing::Test {
 protected:
  Middleware limiter(std::int64_t max, int hops = 0) {
    return rateLimit({seconds(900), max, hops},
                     [this](const std::string& key, seconds) { return ++counters_[key]; }, clock_);
  }

  static Request request(std::string path, std::string remote = "10.0.0.1") {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.remoteAddress = std::move(remote);
    return r;
  }

  // The status, or the Retry-After of the 429 the limiter raised (as a negative number).
  static int call(const Middleware& m, Request req) {
    try {
      return m(req, [](Request&) { return Response::noContent(); }).status;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kRateLimited);
      EXPECT_EQ(e.code(), "rate_limited");
      return -e.retryAfterSeconds().value_or(0);
    }
  }

  SteppingClock clock_;
  std::map<std::string, std::int64_t> counters_;
};

TEST_F(RateLimitTest, RefusesPastTheLimitUntilTheWindowTurns) {
  const auto m = limiter(3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call(m, request("/v2/products")), 204);
  clock_.advance(seconds(100));
  EXPECT_EQ(call(m, request("/v2/products")), -800);
  EXPECT_EQ(call(m, request("/v2/products", "10.0.0.2")), 204) << "another client has its own count";
  clock_.advance(seconds(800));
  EXPECT_EQ(call(m, request("/v2/products")), 204);
}

TEST_F(RateLimitTest, LimitsOnlyTheApiAndNeverWebhooks) {
  const auto m = limiter(1);
  EXPECT_EQ(call(m, request("/v2/cart")), 204);
  EXPECT_LT(call(m, request("/v2/cart")), 0);
  for (const char* path : {"/health", "/ready", "/metrics", "/", "/admin/", "/assets/app.js",
                           "/v2/payments/webhooks/stripe", "/v2/payments/webhooks/paypal"}) {
    EXPECT_EQ(call(m, request(path)), 204) << path;
  }
}

TEST_F(RateLimitTest, TrustsForwardedForOnlyAsFarAsConfigured) {
  Request viaIngress = request("/v2/products", "10.1.0.7");
  viaIngress.headers.set("X-Forwarded-For", "203.0.113.9");
  Request spoofed = request("/v2/products", "10.1.0.7");
  spoofed.headers.set("X-Forwarded-For", "1.2.3.4, 203.0.113.9");

  EXPECT_EQ(rateLimitClient(viaIngress, 0), "10.1.0.7");
  EXPECT_EQ(rateLimitClient(viaIngress, 1), "203.0.113.9");
  EXPECT_EQ(rateLimitClient(spoofed, 1), "203.0.113.9") << "the client wrote 1.2.3.4 itself";
  EXPECT_EQ(rateLimitClient(spoofed, 2), "1.2.3.4");
  EXPECT_EQ(rateLimitClient(viaIngress, 2), "10.1.0.7") << "fewer hops than trusted: the peer";
  EXPECT_EQ(rateLimitClient(request("/v2/x", "10.1.0.7"), 1), "10.1.0.7");
}

}  // namespace
}  // namespace um::http

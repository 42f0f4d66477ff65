#include "services/auth/domain/login_throttle.hpp"

#include <gtest/gtest.h>

#include "adapters/cache/inprocess/lru_cache.hpp"
#include "core/error.hpp"
#include "fake_clock.hpp"

namespace um::auth {
namespace {

using std::chrono::seconds;
using testing::FakeClock;

std::optional<int> retryAfter(const LoginThrottle& throttle, const std::string& email,
                              const std::string& address) {
  try {
    throttle.check(email, address);
    return std::nullopt;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRateLimited);
    EXPECT_EQ(e.code(), "too_many_attempts");
    return e.retryAfterSeconds();
  }
}

class LoginThrottleTest : public ::testing::Test {
 protected:
  FakeClock clock;
  cache::LruCache cache{1000, clock};
  LoginThrottle throttle{cache, clock};
};

TEST_F(LoginThrottleTest, SlowsThenLocksAnAccountAtTheFifthFailure) {
  std::vector<long> delays;
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(retryAfter(throttle, "a@example.com", "10.0.0.1").has_value());
    delays.push_back(throttle.recordFailure("a@example.com", "10.0.0.1").count());
  }
  EXPECT_EQ(delays, (std::vector<long>{0, 100, 200, 300}));
  throttle.recordFailure("a@example.com", "10.0.0.1");
  EXPECT_EQ(retryAfter(throttle, "a@example.com", "10.0.0.2"), 30);  // any address
  EXPECT_FALSE(retryAfter(throttle, "b@example.com", "10.0.0.1").has_value());
}

TEST_F(LoginThrottleTest, LockEndsAfterRetryAfterAndDoublesOnTheNextFailure) {
  for (int i = 0; i < 5; ++i) throttle.recordFailure("a@example.com", "10.0.0.1");
  clock.advance(seconds(29));
  EXPECT_EQ(retryAfter(throttle, "a@example.com", "10.0.0.1"), 1);
  clock.advance(seconds(1));
  EXPECT_FALSE(retryAfter(throttle, "a@example.com", "10.0.0.1").has_value());
  throttle.recordFailure("a@example.com", "10.0.0.1");
  EXPECT_EQ(retryAfter(throttle, "a@example.com", "10.0.0.1"), 60);
}

TEST_F(LoginThrottleTest, SuccessResetsTheAccount) {
  for (int i = 0; i < 5; ++i) throttle.recordFailure("a@example.com", "10.0.0.1");
  throttle.recordSuccess("a@example.com");
  EXPECT_FALSE(retryAfter(throttle, "a@example.com", "10.0.0.1").has_value());
  EXPECT_EQ(throttle.recordFailure("a@example.com", "10.0.0.1").count(), 0);
}

TEST_F(LoginThrottleTest, LocksAnAddressSprayingManyAccounts) {
  for (int i = 0; i < 50; ++i) {
    throttle.recordFailure("user" + std::to_string(i) + "@example.com", "10.9.9.9");
  }
  EXPECT_EQ(retryAfter(throttle, "someone-new@example.com", "10.9.9.9"), 60);
  EXPECT_FALSE(retryAfter(throttle, "someone-new@example.com", "10.0.0.1").has_value());
}

TEST_F(LoginThrottleTest, FailuresOutsideTheWindowAreForgotten) {
  for (int i = 0; i < 4; ++i) throttle.recordFailure("a@example.com", "10.0.0.1");
  clock.advance(seconds(15 * 60));
  throttle.recordFailure("a@example.com", "10.0.0.1");
  EXPECT_FALSE(retryAfter(throttle, "a@example.com", "10.0.0.1").has_value());
}

}  // namespace
}  // namespace um::auth

#include "services/notification/domain/backoff.hpp"

#include <gtest/gtest.h>

namespace um::notification {
namespace {

using std::chrono::seconds;

TEST(RetryBackoffTest, DoublesFromTheBaseUpToTheCap) {
  const RetryPolicy p{8, seconds(30), seconds(600)};
  EXPECT_EQ(retryDelay(p, 1), seconds(30));
  EXPECT_EQ(retryDelay(p, 2), seconds(60));
  EXPECT_EQ(retryDelay(p, 3), seconds(120));
  EXPECT_EQ(retryDelay(p, 4), seconds(240));
  EXPECT_EQ(retryDelay(p, 5), seconds(480));
  EXPECT_EQ(retryDelay(p, 6), seconds(600));
  EXPECT_EQ(retryDelay(p, 1000), seconds(600));  // no overflow however many failures
}

TEST(RetryBackoffTest, CountsAttemptsIncludingTheFirst) {
  const RetryPolicy p{3, seconds(1), seconds(10)};
  EXPECT_FALSE(attemptsExhausted(p, 1));
  EXPECT_FALSE(attemptsExhausted(p, 2));
  EXPECT_TRUE(attemptsExhausted(p, 3));
}

TEST(RetryBackoffTest, JitterShortensByAtMostAFifth) {
  EXPECT_EQ(withJitter(seconds(10), 0.0), std::chrono::milliseconds(10000));
  EXPECT_EQ(withJitter(seconds(10), 0.5), std::chrono::milliseconds(9000));
  EXPECT_GE(withJitter(seconds(10), 0.999999), std::chrono::milliseconds(8000));
  EXPECT_EQ(withJitter(seconds(10), 7.0), std::chrono::milliseconds(8000));  // clamped draw
}

}  // namespace
}  // namespace um::notification

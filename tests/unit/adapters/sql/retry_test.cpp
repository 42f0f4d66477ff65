#include "adapters/sql/retry.hpp"

#include <gtest/gtest.h>

namespace um::sql {
namespace {

TEST(RetryTransientTest, RetriesConflictsUntilSuccess) {
  int calls = 0;
  const int result = retryTransient(5, [&] {
    if (++calls < 3) throw TransientConflict("busy");
    return 7;
  });
  EXPECT_EQ(result, 7);
  EXPECT_EQ(calls, 3);
}

TEST(RetryTransientTest, GivesUpAfterTheLastAttemptAsUnavailable) {
  int calls = 0;
  try {
    retryTransient(3, [&] {
      ++calls;
      throw TransientConflict("busy");
    });
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
  }
  EXPECT_EQ(calls, 3);
}

TEST(RetryTransientTest, DoesNotRetryOtherFailures) {
  int calls = 0;
  EXPECT_THROW(retryTransient(5,
                              [&] {
                                ++calls;
                                throw UniqueViolation("dup");
                              }),
               UniqueViolation);
  EXPECT_THROW(retryTransient(5, [&] { throw ConnectionLost("gone"); }), ConnectionLost);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace um::sql

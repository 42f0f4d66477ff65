#include "adapters/sql/scope_name.hpp"

#include <gtest/gtest.h>

#include "adapters/sql/database.hpp"

namespace um::sql {
namespace {

TEST(ScopeNameTest, AcceptsServiceNames) {
  for (const char* ok : {"auth", "user", "order", "t_abc", "_x", "v2_cart"}) {
    EXPECT_EQ(requireScopeName(ok), ok);
  }
}

TEST(ScopeNameTest, RefusesWhatCouldEscapeAnIdentifierOrPath) {
  for (const char* bad :
       {"", "Auth", "a b", "a-b", "a\"b", "a;b", "../x", "x/y", "9lives", "pg_temp",
        "a234567890123456789012345678901234567890123456789012345678901234"}) {
    EXPECT_THROW(requireScopeName(bad), StatementError) << bad;
  }
}

TEST(ScopeNameTest, QuotesSoReservedWordsWork) {
  EXPECT_EQ(quotedScope("user"), "\"user\"");
}

}  // namespace
}  // namespace um::sql

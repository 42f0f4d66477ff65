#include "services/order/domain/idempotency.hpp"

#include <gtest/gtest.h>

#include <set>

namespace um::order {
namespace {

TEST(IdempotencyTest, FingerprintIsSha256Hex) {
  EXPECT_EQ(fingerprint(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(fingerprint("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(fingerprint("{\"a\":1}"), fingerprint("{\"a\":2}"));
}

TEST(IdempotencyTest, KeyRules) {
  EXPECT_TRUE(isValidIdempotencyKey("7f1c0a2e-2d4b-4c1e-9b2a-0c6f7e8d9a10"));
  EXPECT_TRUE(isValidIdempotencyKey(std::string(255, 'k')));
  EXPECT_FALSE(isValidIdempotencyKey(""));
  EXPECT_FALSE(isValidIdempotencyKey(std::string(256, 'k')));
  EXPECT_FALSE(isValidIdempotencyKey("has space"));
  EXPECT_FALSE(isValidIdempotencyKey("tab\there"));
}

TEST(IdempotencyTest, OrderNumbersAreReadableAndVaried) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto n = newOrderNumber("251125");
    ASSERT_EQ(n.size(), 16u) << n;
    EXPECT_TRUE(n.starts_with("UM-251125-")) << n;
    for (char c : n.substr(10)) {
      EXPECT_EQ(std::string("01IO").find(c), std::string::npos) << n;
    }
    seen.insert(n);
  }
  EXPECT_GT(seen.size(), 995u);
}

}  // namespace
}  // namespace um::order

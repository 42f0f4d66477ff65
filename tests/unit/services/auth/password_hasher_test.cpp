#include "services/auth/domain/password_hasher.hpp"

#include <gtest/gtest.h>

namespace um::auth {
namespace {

TEST(PasswordHasherTest, VerifiesTheRightPasswordOnly) {
  PasswordHasher hasher(kTestArgon2Params);
  const auto hash = hasher.hash("correct horse battery");
  EXPECT_TRUE(hasher.verify(hash, "correct horse battery"));
  EXPECT_FALSE(hasher.verify(hash, "correct horse batterY"));
  EXPECT_FALSE(hasher.verify(hash, ""));
}

TEST(PasswordHasherTest, StoresArgon2idPhcStringWithoutThePassword) {
  PasswordHasher hasher(kTestArgon2Params);
  const auto hash = hasher.hash("s3cret-passw0rd");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("s3cret-passw0rd"), std::string::npos);
}

TEST(PasswordHasherTest, SaltsEveryHash) {
  PasswordHasher hasher(kTestArgon2Params);
  EXPECT_NE(hasher.hash("same password"), hasher.hash("same password"));
}

TEST(PasswordHasherTest, MalformedStoredHashNeverVerifies) {
  PasswordHasher hasher(kTestArgon2Params);
  EXPECT_FALSE(hasher.verify("", "password"));
  EXPECT_FALSE(hasher.verify("$argon2id$garbage", "password"));
  EXPECT_FALSE(hasher.verify("plain-text-password", "plain-text-password"));
}

TEST(PasswordHasherTest, HashesMadeWithOtherParametersStillVerify) {
  // The PHC string carries its parameters, so raising the defaults needs no migration.
  const auto old = PasswordHasher(Argon2Params{1, 128, 1}).hash("password-1");
  EXPECT_TRUE(PasswordHasher(kTestArgon2Params).verify(old, "password-1"));
}

TEST(PasswordHasherTest, DefaultParametersAreOwaspsFirstChoice) {
  EXPECT_EQ(kDefaultArgon2Params.memoryKiB, 19u * 1024u);
  EXPECT_EQ(kDefaultArgon2Params.timeCost, 2u);
  EXPECT_EQ(kDefaultArgon2Params.parallelism, 1u);
}

}  // namespace
}  // namespace um::auth

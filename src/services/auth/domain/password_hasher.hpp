#pragma once

// argon2id password hashing (libargon2, the reference implementation), in the PHC string
// format ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"), so each stored hash carries its own
// parameters and raising them later needs no migration: old hashes still verify.

#include <cstdint>
#include <string>
#include <string_view>

namespace um::auth {

struct Argon2Params {
  std::uint32_t timeCost;     // passes over memory
  std::uint32_t memoryKiB;    // memory per hash
  std::uint32_t parallelism;  // lanes
};

// OWASP's first recommended argon2id setting (m = 19 MiB, t = 2, p = 1). Measured on this
// 2-core machine: ~50 ms per hash when idle (~90 ms while other builds compete), the
// target the identity issue sets: slow enough that an offline attacker with a stolen table
// pays ~20 guesses per core-second, fast enough that a login costs one worker thread
// 50 ms and a burst of logins cannot starve the pool. p = 1 because the two cores serve
// concurrent requests; lanes would only make one login steal both.
inline constexpr Argon2Params kDefaultArgon2Params{2, 19 * 1024, 1};

// Far cheaper settings for unit tests, where the cost is not the point.
inline constexpr Argon2Params kTestArgon2Params{1, 64, 1};

class PasswordHasher {
 public:
  explicit PasswordHasher(Argon2Params params = kDefaultArgon2Params);

  // A fresh 16-byte random salt per hash.
  std::string hash(std::string_view password) const;
  // Constant-time comparison (argon2_verify); false for a malformed stored hash too.
  bool verify(std::string_view encodedHash, std::string_view password) const;
  // Spends the same time as verify() against a real hash, for logins of unknown emails, so
  // the response time does not tell whether an account exists.
  void verifyDummy(std::string_view password) const;

 private:
  Argon2Params params_;
  std::string dummyHash_;
};

}  // namespace um::auth

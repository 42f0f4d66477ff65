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
// 2-core machine: 54 ms of CPU per hash (wall time grows with load: ~95 ms at load 3,
// far more while four builds share the box). That is the ~50 ms the identity issue asks
// for: an offline attacker holding a stolen table pays ~20 guesses per core-second and
// 19 MiB per guess (which blunts GPUs), while one login costs a worker thread 50 ms, so a
// burst of logins cannot starve the pool. p = 1 because both cores already serve
// concurrent requests; more lanes would only let one login take both.
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

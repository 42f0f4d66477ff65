#include "services/auth/domain/password_hasher.hpp"

#include <array>
#include <vector>

#include <argon2.h>
#include <openssl/rand.h>

#include "core/error.hpp"

namespace um::auth {

namespace {
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
}  // namespace

PasswordHasher::PasswordHasher(Argon2Params params) : params_(params) {
  dummyHash_ = hash("dummy password that no account uses");
}

std::string PasswordHasher::hash(std::string_view password) const {
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw Error(ErrorKind::kInternal, "internal", "the CSPRNG failed");
  }
  const std::size_t length = argon2_encodedlen(params_.timeCost, params_.memoryKiB,
                                               params_.parallelism, kSaltBytes, kHashBytes,
                                               Argon2_id);
  std::vector<char> encoded(length);
  const int rc = argon2id_hash_encoded(params_.timeCost, params_.memoryKiB, params_.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    // The library's message names the failing parameter, never the input.
    throw Error(ErrorKind::kInternal, "internal",
                std::string("argon2id failed: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool PasswordHasher::verify(std::string_view encodedHash, std::string_view password) const {
  const std::string stored(encodedHash);  // argon2 wants a NUL-terminated string
  return argon2id_verify(stored.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void PasswordHasher::verifyDummy(std::string_view password) const {
  (void)verify(dummyHash_, password);
}

}  // namespace um::auth

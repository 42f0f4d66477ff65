#include "services/order/domain/idempotency.hpp"

#include <random>

#include <openssl/evp.h>

namespace um::order {

std::string fingerprint(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

bool isValidIdempotencyKey(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

std::string newOrderNumber(std::string_view yyMMdd) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  thread_local std::mt19937_64 gen{std::random_device{}()};
  std::uniform_int_distribution<int> pick(0, 31);
  std::string out = "UM-" + std::string(yyMMdd) + "-";
  for (int i = 0; i < 6; ++i) out += kAlphabet[pick(gen)];
  return out;
}

}  // namespace um::order

#include "services/order/domain/idempotency.hpp"

#include <random>

#include "core/crypto/digest.hpp"

namespace um::order {

std::string fingerprint(std::string_view text) { return crypto::sha256Hex(text); }

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

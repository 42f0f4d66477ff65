#include "core/ids.hpp"

#include <chrono>
#include <cstdint>
#include <random>

namespace um {

namespace {

std::mt19937_64& generator() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen;
}

void appendHex(std::string& out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out += kHex[(value >> (i * 4)) & 0xF];
}

}  // namespace

std::string newId() {
  using namespace std::chrono;
  const auto ms = static_cast<std::uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
  const std::uint64_t r1 = generator()();
  const std::uint64_t r2 = generator()();
  std::string s;
  s.reserve(36);
  appendHex(s, ms >> 16, 8);
  s += '-';
  appendHex(s, ms & 0xFFFF, 4);
  s += '-';
  appendHex(s, 0x7000 | (r1 & 0x0FFF), 4);
  s += '-';
  appendHex(s, 0x8000 | ((r1 >> 12) & 0x3FFF), 4);
  s += '-';
  appendHex(s, r2 & 0xFFFFFFFFFFFFull, 12);
  return s;
}

std::string newRequestId() {
  std::string s;
  s.reserve(32);
  appendHex(s, generator()(), 16);
  appendHex(s, generator()(), 16);
  return s;
}

}  // namespace um

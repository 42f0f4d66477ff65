#include "core/trace_context.hpp"

#include <algorithm>
#include <cstdint>
#include <random>

namespace um {

namespace {

thread_local const TraceContext* gCurrent = nullptr;

bool isLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool allZero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

// `bytes` random bytes as lower-case hex, never all zero (the spec forbids zero ids). Trace
// ids must be unique, not secret, and every request makes two (health probes included), so
// a per-thread PRNG serves rather than the CSPRNG and its lock.
std::string randomHex(std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::string out(bytes * 2, '0');
  do {
    for (std::size_t i = 0; i < out.size(); i += 16) {
      std::uint64_t word = generator();
      for (std::size_t j = i; j < std::min(out.size(), i + 16); ++j, word >>= 4) {
        out[j] = kHex[word & 0x0F];
      }
    }
  } while (allZero(out));
  return out;
}

}  // namespace

std::string TraceContext::traceparent() const { return "00-" + traceId + "-" + spanId + "-" + flags; }

std::optional<TraceContext> parseTraceparent(std::string_view h) {
  // version "-" trace-id "-" parent-id "-" flags; a future version may append fields after
  // a further "-", which version-00 parsing must tolerate.
  if (h.size() < 55 || h[2] != '-' || h[35] != '-' || h[52] != '-') return std::nullopt;
  if (h.size() > 55 && (h.substr(0, 2) == "00" || h[55] != '-')) return std::nullopt;
  const auto version = h.substr(0, 2);
  const auto traceId = h.substr(3, 32);
  const auto parentId = h.substr(36, 16);
  const auto flags = h.substr(53, 2);
  if (!isLowerHex(version) || version == "ff" || !isLowerHex(traceId) || allZero(traceId) ||
      !isLowerHex(parentId) || allZero(parentId) || !isLowerHex(flags)) {
    return std::nullopt;
  }
  return TraceContext{std::string(traceId), std::string(parentId), std::string(flags)};
}

TraceContext continueOrStartTrace(std::optional<std::string_view> incoming) {
  if (incoming) {
    if (auto parent = parseTraceparent(*incoming)) {
      // Same trace and sampling decision; our own span, whose parent is the caller's.
      parent->spanId = randomHex(8);
      return *parent;
    }
  }
  return {randomHex(16), randomHex(8), "01"};
}

const TraceContext* currentTrace() { return gCurrent; }

ScopedTrace::ScopedTrace(const TraceContext& context) : previous_(gCurrent) { gCurrent = &context; }

ScopedTrace::~ScopedTrace() { gCurrent = previous_; }

}  // namespace um

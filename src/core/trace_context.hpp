#pragma once

// W3C Trace Context (traceparent, https://www.w3.org/TR/trace-context/): a request that
// arrives with a valid `traceparent` joins the caller's trace; one without starts a new
// trace. Each request gets its own span id. While a request is handled, its context is the
// thread's current one, so every log line it writes carries traceId and spanId, and the
// outbound HTTP client forwards it to the next hop.

#include <optional>
#include <string>
#include <string_view>

namespace um {

struct TraceContext {
  std::string traceId;  // 32 lower-case hex, not all zero
  std::string spanId;   // 16 lower-case hex, not all zero: this hop's span
  std::string flags;    // 2 hex, e.g. "01" (sampled)

  // "00-<traceId>-<spanId>-<flags>": what a call made from this span sends on.
  std::string traceparent() const;
};

// nullopt for anything the spec says to ignore (wrong length or case, version ff, all-zero
// ids); the caller then starts a new trace.
std::optional<TraceContext> parseTraceparent(std::string_view header);

// This hop's context: the incoming trace with a fresh span id, or a fresh sampled trace.
TraceContext continueOrStartTrace(std::optional<std::string_view> incomingTraceparent);

// The context of the request this thread is handling, or null.
const TraceContext* currentTrace();

// Makes `context` the thread's current one until destroyed (then restores the previous).
class ScopedTrace {
 public:
  explicit ScopedTrace(const TraceContext& context);
  ~ScopedTrace();
  ScopedTrace(const ScopedTrace&) = delete;
  ScopedTrace& operator=(const ScopedTrace&) = delete;

 private:
  const TraceContext* previous_;
};

}  // namespace um

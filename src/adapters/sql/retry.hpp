#pragma once

// Failures an adapter may safely retry, and how long to wait between tries. Both are
// StoreUnavailable, so when retries run out the caller sees an outage (503), not a bug.

#include <string>

#include "adapters/sql/database.hpp"

namespace um::sql {

// The statement or transaction lost a race it can win by running again: SQLite's lock was
// busy, or PostgreSQL aborted it as a serialization failure or deadlock victim.
class TransientConflict : public StoreUnavailable {
 public:
  using StoreUnavailable::StoreUnavailable;
};

// The connection broke (server restarted, backend terminated, network cut). Nothing can be
// said about a statement in flight, only that this connection must not be used again.
class ConnectionLost : public StoreUnavailable {
 public:
  using StoreUnavailable::StoreUnavailable;
};

// The connection broke before the transaction's BEGIN reached the server (PostgreSQL sends
// BEGIN with the first statement): nothing of the transaction ran, so it may run again on a
// fresh connection.
class ConnectionLostBeforeBegin : public ConnectionLost {
 public:
  using ConnectionLost::ConnectionLost;
};

// Sleeps before retry number `attempt` (1-based): exponential with full jitter, so
// colliding writers spread out instead of colliding again in lockstep.
void backoffBeforeRetry(int attempt);

// Runs `attempt` until it does not throw TransientConflict, at most `maxAttempts` times.
template <typename F>
auto retryTransient(int maxAttempts, F&& attempt) -> decltype(attempt()) {
  for (int i = 1;; ++i) {
    try {
      return attempt();
    } catch (const TransientConflict&) {
      if (i >= maxAttempts) throw;
      backoffBeforeRetry(i);
    }
  }
}

}  // namespace um::sql

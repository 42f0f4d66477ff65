#pragma once

// The embedded event bus: subscribers live in this process and publish() calls them.
//
// Why delivery is synchronous: the outbox relay marks a row published only after publish()
// returns, so publish() must not return before every subscriber has handled the event. A
// queue in memory would let the relay mark rows whose events then die with the process;
// calling the handlers on the relay's thread makes "published" mean "handled", and a crash
// at any point leaves the row unpublished, to be delivered again (at least once, never lost).
//
// How that maps to Kafka later: the Kafka adapter keys each message by aggregateId, so one
// aggregate's events share a partition and a consumer group reads them in order. Here the
// same guarantee comes from the relay: one relay per producing service publishes that
// service's outbox in seq order, one event at a time, and stops at the first failure, so a
// subscriber never sees an aggregate's event before the ones appended earlier.
//
// Each subscription's handler is called by one thread at a time (a Kafka consumer group
// polls from one thread too), so handlers written for one adapter behave under the other.
// Different subscriptions run concurrently when different relays publish at once.

#include <atomic>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "adapters/bus/event_bus.hpp"

namespace um::bus {

class InProcessBus final : public EventBus {
 public:
  // Throws Error(kUnavailable, "bus_not_started") before start() and after stop(): the relay
  // then keeps the row and retries. Publishing before every consumer has subscribed would
  // lose the event for the late ones, which Kafka (with its retained topics) never does.
  void publish(const Event& event) override;

  // Subscriptions are meant to be made before start(); one made later sees only events
  // published from then on.
  void subscribe(const std::string& group, const std::vector<std::string>& topics,
                 Handler handler) override;

  void start() override;
  void stop() override;

 private:
  struct Subscription;

  std::atomic<bool> running_{false};
  mutable std::shared_mutex mutex_;  // guards subscriptions_, not the handlers
  std::vector<std::shared_ptr<Subscription>> subscriptions_;
};

}  // namespace um::bus

#pragma once

// The event bus port. Producers never call publish() directly: they append to their outbox
// in the same transaction as the state change (bus/outbox.hpp), and the outbox relay
// publishes. Delivery is at least once; a handler must be idempotent (bus/consumer.hpp
// helps). Events with the same aggregateId are delivered to a subscriber in order, which is
// what Kafka gives per partition when the aggregate id is the message key.

#include <functional>
#include <string>
#include <vector>

#include "adapters/bus/event.hpp"

namespace um::bus {

// Throwing from a handler means "not processed": the event is delivered again later.
using Handler = std::function<void(const Event&)>;

class EventBus {
 public:
  virtual ~EventBus() = default;

  // Returns once every subscriber has the event durably (in-process: has handled it;
  // Kafka: the broker acknowledged). Throws when that cannot be promised; the relay retries.
  virtual void publish(const Event& event) = 0;

  // `group` names the consumer (one per consuming service, as a Kafka consumer group);
  // `topics` are event-type prefixes such as "order" or "product".
  virtual void subscribe(const std::string& group, const std::vector<std::string>& topics,
                         Handler handler) = 0;

  virtual void start() {}
  virtual void stop() {}
};

}  // namespace um::bus

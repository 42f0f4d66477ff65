#pragma once

#include <cstdint>
#include <string>

namespace um::bus {

// A domain event as it travels: what happened (`type`, e.g. "order.paid"), to which
// aggregate (`aggregateId`, the partition key so one order's events stay in order), and the
// JSON `payload`. `id` is unique per event; consumers de-duplicate by it.
struct Event {
  std::string id;
  std::string type;
  std::string aggregateId;
  std::string payload;     // a JSON object
  std::string occurredAt;  // RFC 3339 UTC

  // "order.paid" → "order": the topic (Kafka) the event is published to.
  std::string topic() const { return type.substr(0, type.find('.')); }
};

}  // namespace um::bus

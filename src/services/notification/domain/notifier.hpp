#pragma once

// The notification workflow's front half: an event arrives, the email it asks for is
// composed and queued as a delivery, exactly once per event (the store records the event
// id in the same transaction). Sending is the dispatcher's job (dispatcher.hpp), so a slow
// mail server never holds up the event bus.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "services/notification/domain/delivery_store.hpp"
#include "services/notification/domain/email_composer.hpp"

namespace um::notification {

class Notifier {
 public:
  // `queued` runs after deliveries were committed (wakes the dispatcher).
  Notifier(DeliveryStore& store, ComposeSettings settings, const Clock& clock,
           std::function<void()> queued = [] {});

  // Returns true when a delivery was queued; false for events that send nothing and for
  // events seen before. Throws only what a retry can fix (the store is down).
  bool handle(const std::string& eventId, const std::string& eventType,
              const nlohmann::json& payload);

  DeliveryPage list(const DeliveryFilter& filter) { return store_.list(filter); }

  // Queues a failed or dead delivery again (an operator's decision, e.g. after fixing the
  // provider's key). Throws 404 for an unknown id, 409 not_retryable for a delivery that is
  // queued or sent, or whose secret body was already erased.
  Delivery retry(const std::string& deliveryId);

  static constexpr const char* kConsumer = "notification";

 private:
  DeliveryStore& store_;
  ComposeSettings settings_;
  const Clock& clock_;
  std::function<void()> queued_;
};

}  // namespace um::notification

#include "adapters/bus/inprocess/in_process_bus.hpp"

#include <algorithm>
#include <exception>
#include <mutex>

#include "core/error.hpp"
#include "core/log.hpp"

namespace um::bus {

struct InProcessBus::Subscription {
  std::string group;
  std::vector<std::string> topics;
  Handler handler;
  std::mutex callMutex;  // one delivery at a time per subscription, as a Kafka consumer

  bool matches(const std::string& topic) const {
    return std::find(topics.begin(), topics.end(), topic) != topics.end();
  }
};

void InProcessBus::subscribe(const std::string& group, const std::vector<std::string>& topics,
                             Handler handler) {
  auto sub = std::make_shared<Subscription>();
  sub->group = group;
  sub->topics = topics;
  sub->handler = std::move(handler);
  std::unique_lock lock(mutex_);
  subscriptions_.push_back(std::move(sub));
}

void InProcessBus::start() {
  running_ = true;
}

void InProcessBus::stop() {
  running_ = false;
}

void InProcessBus::publish(const Event& event) {
  if (!running_) {
    throw Error::unavailable("bus_not_started", "the in-process event bus is not running");
  }
  const std::string topic = event.topic();
  // Snapshot the matching subscriptions, then call them without the registry lock so a
  // slow handler never blocks subscribe() or other publishers.
  std::vector<std::shared_ptr<Subscription>> targets;
  {
    std::shared_lock lock(mutex_);
    for (const auto& sub : subscriptions_) {
      if (sub->matches(topic)) targets.push_back(sub);
    }
  }

  // Every subscriber gets its chance even when an earlier one fails: the relay will deliver
  // the event again to all of them, and those that handled it de-duplicate by event id.
  std::exception_ptr firstFailure;
  for (const auto& sub : targets) {
    try {
      std::lock_guard call(sub->callMutex);
      sub->handler(event);
    } catch (const std::exception& e) {
      log::warn("event handler failed", {{"group", sub->group},
                                         {"event_type", event.type},
                                         {"event_id", event.id},
                                         {"error", e.what()}});
      if (!firstFailure) firstFailure = std::current_exception();
    } catch (...) {
      log::warn("event handler failed", {{"group", sub->group},
                                         {"event_type", event.type},
                                         {"event_id", event.id},
                                         {"error", "unknown exception"}});
      if (!firstFailure) firstFailure = std::current_exception();
    }
  }
  if (firstFailure) std::rethrow_exception(firstFailure);
}

}  // namespace um::bus

#pragma once

// A shopper's action reported by a front end (POST /v2/analytics/events): the rules it must
// pass and the document it becomes.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace um::analytics {

struct BehaviourEvent {
  std::string type;
  std::string sessionId;
  std::optional<std::string> productId;
  nlohmann::json properties = nlohmann::json::object();
  std::optional<std::string> userId;  // from the bearer token, when one was sent
};

// The accepted types. Product-level ones need a productId.
const std::vector<std::string>& behaviourEventTypes();

inline constexpr std::size_t kMaxPropertiesBytes = 4096;

// Throws Error::validation naming the field that breaks a rule.
void validate(const BehaviourEvent& event);

// The document stored in the events collection.
nlohmann::json behaviourDocument(const BehaviourEvent& event, const std::string& id, TimePoint at);

}  // namespace um::analytics

#include "services/notification/domain/delivery.hpp"

namespace um::notification {

std::string_view toString(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::kQueued: return "queued";
    case DeliveryStatus::kSent: return "sent";
    case DeliveryStatus::kFailed: return "failed";
    case DeliveryStatus::kDead: return "dead";
  }
  return "queued";
}

std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view text) {
  if (text == "queued") return DeliveryStatus::kQueued;
  if (text == "sent") return DeliveryStatus::kSent;
  if (text == "failed") return DeliveryStatus::kFailed;
  if (text == "dead") return DeliveryStatus::kDead;
  return std::nullopt;
}

}  // namespace um::notification

#pragma once

// One email the platform owes someone, and how far its sending got:
//   queued → sent                       the provider accepted it
//   queued → failed → … → sent | dead   failed attempts wait (exponential backoff); after
//                                       the last allowed attempt, or a permanent refusal,
//                                       the delivery is dead and only an operator revives it

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace um::notification {

enum class DeliveryStatus { kQueued, kSent, kFailed, kDead };

std::string_view toString(DeliveryStatus status);
std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view text);

struct Delivery {
  std::string id;
  std::string eventId;    // the event that asked for it: (eventId, templateName) is unique
  std::string eventType;
  std::optional<std::string> userId;  // the recipient's account; none for guests
  std::string channel = "email";
  std::string templateName;
  std::string recipient;
  std::string subject;
  std::string textBody;
  std::string htmlBody;
  // The bodies carry a secret (a reset link): they are erased once the delivery is over.
  bool sensitive = false;
  DeliveryStatus status = DeliveryStatus::kQueued;
  int attempts = 0;
  std::string nextAttemptAt;  // RFC 3339
  std::optional<std::string> lastError;
  std::optional<std::string> provider;  // which adapter sent (or last tried) it
  std::string createdAt;
  std::string updatedAt;
  std::optional<std::string> sentAt;
};

// What one sending attempt came to.
struct AttemptOutcome {
  std::string deliveryId;
  DeliveryStatus status = DeliveryStatus::kSent;  // kSent, kFailed or kDead
  int attempts = 0;                               // including this one
  std::string at;                                 // when it ended
  std::string nextAttemptAt;                      // for kFailed
  std::optional<std::string> error;
  std::string provider;
  bool eraseBodies = false;
};

struct DeliveryFilter {
  std::optional<std::string> userId;
  std::optional<DeliveryStatus> status;
  std::int64_t limit = 20;
  std::optional<std::string> afterId;  // keyset cursor: newest first, ids are time-ordered
};

struct DeliveryPage {
  std::vector<Delivery> items;
  std::int64_t total = 0;
  std::optional<std::string> nextCursor;
};

}  // namespace um::notification

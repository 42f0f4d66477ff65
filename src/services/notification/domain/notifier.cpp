#include "services/notification/domain/notifier.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"

namespace um::notification {

Notifier::Notifier(DeliveryStore& store, ComposeSettings settings, const Clock& clock,
                   std::function<void()> queued)
    : store_(store), settings_(std::move(settings)), clock_(clock), queued_(std::move(queued)) {}

bool Notifier::handle(const std::string& eventId, const std::string& eventType,
                      const nlohmann::json& payload) {
  const TimePoint now = clock_.now();
  auto email = composeEmail(eventType, payload, settings_, now);
  if (!email) return false;

  Delivery d;
  d.id = newId();
  d.eventId = eventId;
  d.eventType = eventType;
  d.userId = email->userId;
  d.templateName = email->templateName;
  d.recipient = email->to;
  d.subject = email->subject;
  d.textBody = email->textBody;
  d.htmlBody = email->htmlBody;
  d.sensitive = email->sensitive;
  d.status = DeliveryStatus::kQueued;
  d.createdAt = formatRfc3339(now);
  d.updatedAt = d.createdAt;
  d.nextAttemptAt = d.createdAt;
  if (!store_.enqueue(kConsumer, eventId, {d})) {
    log::debug("notification: event seen before", {{"eventId", eventId}, {"type", eventType}});
    return false;
  }
  log::info("email queued", {{"deliveryId", d.id}, {"template", d.templateName}, {"eventId", eventId}});
  queued_();
  return true;
}

Delivery Notifier::retry(const std::string& deliveryId) {
  auto d = store_.requeue(deliveryId, formatRfc3339(clock_.now()));
  if (!d) throw Error::notFound("notification");
  if (d->status != DeliveryStatus::kQueued) {
    throw Error::conflict("not_retryable", "only failed or dead deliveries with their body can be retried; this one is " +
                                               std::string(toString(d->status)));
  }
  log::info("email requeued by an operator", {{"deliveryId", d->id}});
  queued_();
  return *d;
}

}  // namespace um::notification

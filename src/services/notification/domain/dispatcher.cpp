#include "services/notification/domain/dispatcher.hpp"

#include <random>

#include "core/error.hpp"
#include "core/log.hpp"

namespace um::notification {

namespace {

std::function<double()> defaultRandom() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto mutex = std::make_shared<std::mutex>();
  return [engine, mutex] {
    std::lock_guard lock(*mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

}  // namespace

DeliveryDispatcher::DeliveryDispatcher(DeliveryStore& store, email::EmailSender& sender,
                                       RetryPolicy policy, const Clock& clock,
                                       DispatcherOptions options, std::function<double()> random,
                                       std::function<void(const AttemptOutcome&)> observe)
    : store_(store),
      sender_(sender),
      policy_(policy),
      clock_(clock),
      options_(options),
      random_(random ? std::move(random) : defaultRandom()),
      observe_(std::move(observe)) {}

DeliveryDispatcher::~DeliveryDispatcher() {
  stop();
}

void DeliveryDispatcher::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DeliveryDispatcher::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_one();
  if (thread.joinable()) thread.join();
}

void DeliveryDispatcher::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_one();
}

int DeliveryDispatcher::runOnce() {
  const TimePoint now = clock_.now();
  const auto due = store_.claimDue(formatRfc3339(now), formatRfc3339(now + options_.claimFor),
                                   options_.batchSize);
  int attempts = 0;
  for (const auto& delivery : due) {
    if (stopping_ && attempts > 0) break;  // the rest keep their claim and come back later
    const AttemptOutcome outcome = attempt(delivery);
    store_.record(outcome);
    if (observe_) observe_(outcome);
    ++attempts;
  }
  return attempts;
}

AttemptOutcome DeliveryDispatcher::attempt(const Delivery& d) {
  AttemptOutcome out;
  out.deliveryId = d.id;
  out.attempts = d.attempts + 1;
  out.provider = sender_.name();
  out.eraseBodies = d.sensitive;
  bool permanent = false;
  try {
    sender_.send({d.recipient, d.subject, d.textBody, d.htmlBody, d.id});
    out.status = DeliveryStatus::kSent;
    out.at = formatRfc3339(clock_.now());
    log::info("email sent", {{"deliveryId", d.id}, {"template", d.templateName},
                             {"provider", out.provider}, {"attempt", out.attempts}});
    return out;
  } catch (const Error& e) {
    permanent = email::isPermanentFailure(e);
    out.error = e.what();
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  const TimePoint now = clock_.now();
  out.at = formatRfc3339(now);
  if (permanent || attemptsExhausted(policy_, out.attempts)) {
    out.status = DeliveryStatus::kDead;
    log::error("email delivery dead", {{"deliveryId", d.id}, {"template", d.templateName},
                                       {"attempts", out.attempts}, {"error", *out.error}});
    return out;
  }
  out.status = DeliveryStatus::kFailed;
  out.eraseBodies = false;  // a retry still needs them
  const auto delay = withJitter(retryDelay(policy_, out.attempts), random_());
  out.nextAttemptAt = formatRfc3339(now + delay);
  log::warn("email delivery failed; will retry",
            {{"deliveryId", d.id}, {"attempts", out.attempts}, {"retryAt", out.nextAttemptAt},
             {"error", *out.error}});
  return out;
}

void DeliveryDispatcher::run() {
  while (!stopping_) {
    {
      std::lock_guard lock(mutex_);
      woken_ = false;
    }
    int attempts = 0;
    try {
      attempts = runOnce();
    } catch (const std::exception& e) {
      log::warn("notification dispatcher could not read its queue", {{"error", e.what()}});
    }
    if (attempts >= options_.batchSize) continue;  // more may be due
    std::unique_lock lock(mutex_);
    wakeup_.wait_for(lock, options_.idlePoll, [this] { return woken_ || stopping_.load(); });
  }
}

}  // namespace um::notification

#pragma once

// The notification workflow's back half: sends queued deliveries through the email port and
// records each attempt. A failed attempt is retried with exponential backoff (backoff.hpp);
// a permanent refusal, or the last allowed attempt failing, makes the delivery dead.
//
// Deliveries are claimed before sending (DeliveryStore::claimDue), so several replicas can
// dispatch from one store without sending an email twice. One exception is unavoidable: a
// process that dies after the provider accepted a message but before recording it sends it
// again once its claim expires. The Message-ID (the delivery id) lets mail clients and
// support recognise such a repeat.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "adapters/email/email_sender.hpp"
#include "core/clock.hpp"
#include "services/notification/domain/backoff.hpp"
#include "services/notification/domain/delivery_store.hpp"

namespace um::notification {

struct DispatcherOptions {
  int batchSize = 20;
  // Longer than any send can take (the adapters time out after 30 s).
  std::chrono::seconds claimFor{120};
  // How often an idle dispatcher looks for retries that came due.
  std::chrono::milliseconds idlePoll{1000};
};

class DeliveryDispatcher {
 public:
  // `random` draws from [0, 1) for the retry jitter; `observe` sees every outcome (metrics).
  DeliveryDispatcher(DeliveryStore& store, email::EmailSender& sender, RetryPolicy policy,
                     const Clock& clock, DispatcherOptions options = {},
                     std::function<double()> random = {},
                     std::function<void(const AttemptOutcome&)> observe = {});
  ~DeliveryDispatcher();
  DeliveryDispatcher(const DeliveryDispatcher&) = delete;
  DeliveryDispatcher& operator=(const DeliveryDispatcher&) = delete;

  void start();
  // Finishes the attempt in flight and joins the thread. Idempotent.
  void stop();
  // Look now instead of at the next poll (a delivery was just queued).
  void wake();

  // Sends what is due now on the calling thread; returns how many attempts were made.
  int runOnce();

 private:
  AttemptOutcome attempt(const Delivery& delivery);
  void run();

  DeliveryStore& store_;
  email::EmailSender& sender_;
  RetryPolicy policy_;
  const Clock& clock_;
  DispatcherOptions options_;
  std::function<double()> random_;
  std::function<void(const AttemptOutcome&)> observe_;

  std::mutex mutex_;  // guards woken_ and thread_, pairs with wakeup_
  std::condition_variable wakeup_;
  bool woken_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace um::notification

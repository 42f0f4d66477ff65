#pragma once

// The operators' guide's business metrics as Prometheus gauges on /metrics, over the last
// 24 hours (docs/analytics.md):
//   ultramarket_active_users{window="24h"}
//   ultramarket_order_completion_rate{window="24h"}
//   ultramarket_payment_success_rate{window="24h"}
//   ultramarket_cart_abandonment_rate{window="24h"}
// A gauge holds a value, so a thread recomputes them: soon after new events (at most every
// kMinInterval) and every kMaxInterval regardless, as the window slides.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "core/clock.hpp"
#include "services/analytics/domain/summary.hpp"

namespace um::analytics {

class BusinessGauges {
 public:
  BusinessGauges(prometheus::Registry& registry, AnalyticsReader& reader, const Clock& clock);
  ~BusinessGauges();
  BusinessGauges(const BusinessGauges&) = delete;
  BusinessGauges& operator=(const BusinessGauges&) = delete;

  void start();
  void stop();
  // Something changed: recompute soon.
  void touch();
  // Recomputes now, on the calling thread.
  void refresh();

  static constexpr std::chrono::hours kWindow{24};
  static constexpr std::chrono::seconds kMinInterval{2};
  static constexpr std::chrono::seconds kMaxInterval{30};

 private:
  void run();

  AnalyticsReader& reader_;
  const Clock& clock_;
  prometheus::Gauge& activeUsers_;
  prometheus::Gauge& orderCompletion_;
  prometheus::Gauge& paymentSuccess_;
  prometheus::Gauge& cartAbandonment_;

  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool dirty_ = true;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace um::analytics

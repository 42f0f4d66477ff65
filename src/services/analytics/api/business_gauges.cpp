#include "services/analytics/api/business_gauges.hpp"

#include "core/log.hpp"

namespace um::analytics {

namespace {

prometheus::Gauge& gauge(prometheus::Registry& registry, const char* name, const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add({{"window", "24h"}});
}

}  // namespace

BusinessGauges::BusinessGauges(prometheus::Registry& registry, AnalyticsReader& reader,
                               const Clock& clock)
    : reader_(reader),
      clock_(clock),
      activeUsers_(gauge(registry, "ultramarket_active_users",
                         "Distinct signed-in users and anonymous sessions with any event in the window")),
      orderCompletion_(gauge(registry, "ultramarket_order_completion_rate",
                             "Orders created in the window that were paid, over orders created (0-1)")),
      paymentSuccess_(gauge(registry, "ultramarket_payment_success_rate",
                            "Succeeded payments over succeeded plus failed ones in the window (0-1)")),
      cartAbandonment_(gauge(registry, "ultramarket_cart_abandonment_rate",
                             "1 - paid orders over carts created in the window (0-1)")) {}

BusinessGauges::~BusinessGauges() {
  stop();
}

void BusinessGauges::refresh() {
  const TimePoint now = clock_.now();
  const BusinessRates r = reader_.rates({now - kWindow, now});
  activeUsers_.Set(static_cast<double>(r.activeUsers));
  orderCompletion_.Set(r.orderCompletionRate);
  paymentSuccess_.Set(r.paymentSuccessRate);
  cartAbandonment_.Set(r.cartAbandonmentRate);
}

void BusinessGauges::touch() {
  std::lock_guard lock(mutex_);
  dirty_ = true;
}

void BusinessGauges::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void BusinessGauges::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_one();
  if (thread.joinable()) thread.join();
}

void BusinessGauges::run() {
  auto lastRefresh = std::chrono::steady_clock::time_point{};
  while (!stopping_) {
    bool due = false;
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, kMinInterval, [this] { return stopping_.load(); });
      if (stopping_) break;
      due = dirty_ || std::chrono::steady_clock::now() - lastRefresh >= kMaxInterval;
      dirty_ = false;
    }
    if (!due) continue;
    try {
      refresh();
      lastRefresh = std::chrono::steady_clock::now();
    } catch (const std::exception& e) {
      log::warn("analytics: business gauges not refreshed", {{"error", e.what()}});
    }
  }
}

}  // namespace um::analytics

#pragma once

// The figures of GET /v2/admin/analytics/summary and of the business gauges, computed from
// the analytics collections. Each metric's definition is in docs/analytics.md; the
// arithmetic is in metric_definitions.hpp.

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/docstore/docstore.hpp"
#include "services/analytics/domain/time_window.hpp"

namespace um::analytics {

struct Money {
  std::int64_t amount = 0;
  std::string currency;
};

struct TopProduct {
  std::string productId;
  std::string name;
  std::int64_t units = 0;
  Money revenue;
};

struct DayFigures {
  std::string date;  // YYYY-MM-DD
  std::int64_t orders = 0;
  Money revenue;
};

// The rates over one window; what the gauges export.
struct BusinessRates {
  std::int64_t activeUsers = 0;
  double orderCompletionRate = 0;
  double paymentSuccessRate = 0;
  double cartAbandonmentRate = 0;
};

struct Summary {
  std::string from;  // RFC 3339
  std::string to;
  BusinessRates rates;
  std::int64_t orders = 0;  // paid in the window
  Money revenue;            // paid minus refunded, in the shop's main currency
  Money averageOrderValue;
  std::vector<TopProduct> topProducts;
  std::vector<DayFigures> series;
};

class AnalyticsReader {
 public:
  explicit AnalyticsReader(docstore::DocumentStore& docs) : docs_(docs) {}

  Summary summary(const TimeWindow& window, int topProducts = 10);
  BusinessRates rates(const TimeWindow& window);

  // The currency most paid orders in the window used: the shop's main one. Figures in other
  // currencies are left out rather than added across currencies.
  std::string mainCurrency(const TimeWindow& window);

 private:
  docstore::DocumentStore& docs_;
};

}  // namespace um::analytics

#include "services/analytics/domain/summary.hpp"

#include <map>

#include "services/analytics/domain/collections.hpp"
#include "services/analytics/domain/metric_definitions.hpp"

namespace um::analytics {

namespace {

using docstore::Accumulator;
using docstore::Aggregation;
using docstore::Condition;
using nlohmann::json;

std::vector<Condition> within(const TimeWindow& w, const std::string& field = "at") {
  return {Condition::gte(field, formatRfc3339(w.from)), Condition::lt(field, formatRfc3339(w.to))};
}

std::vector<Condition> plus(std::vector<Condition> base, std::vector<Condition> more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

std::int64_t integerOf(const json& d, const char* key) {
  auto it = d.find(key);
  if (it == d.end() || !it->is_number()) return 0;
  return it->is_number_integer() ? it->get<std::int64_t>() : static_cast<std::int64_t>(it->get<double>());
}

std::string stringOf(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string AnalyticsReader::mainCurrency(const TimeWindow& window) {
  Aggregation a;
  a.where = plus(within(window), {Condition::eq("kind", "paid")});
  a.groupBy = {"currency"};
  a.accumulators = {Accumulator::count("orders")};
  a.sort = {{"orders", true}};
  a.limit = 1;
  const auto rows = docs_.aggregate(collections::kLedger, a);
  if (rows.empty()) return "USD";
  const std::string currency = stringOf(rows.front(), "currency");
  return currency.empty() ? "USD" : currency;
}

BusinessRates AnalyticsReader::rates(const TimeWindow& window) {
  BusinessRates r;

  Aggregation actors;
  actors.where = plus(within(window), {Condition::exists("actor")});
  actors.accumulators = {Accumulator::countDistinct("actors", "actor")};
  const auto active = docs_.aggregate(collections::kEvents, actors);
  r.activeUsers = active.empty() ? 0 : integerOf(active.front(), "actors");

  const auto created = docs_.count(collections::kOrders, within(window, "createdAt"));
  const auto createdAndPaid =
      docs_.count(collections::kOrders, plus(within(window, "createdAt"), {Condition::eq("paid", true)}));
  r.orderCompletionRate = orderCompletionRate(created, createdAndPaid);

  const auto succeeded =
      docs_.count(collections::kEvents, plus(within(window), {Condition::eq("type", "payment.succeeded")}));
  const auto failed =
      docs_.count(collections::kEvents, plus(within(window), {Condition::eq("type", "payment.failed")}));
  r.paymentSuccessRate = paymentSuccessRate(succeeded, failed);

  const auto carts = docs_.count(collections::kCarts, within(window));
  const auto paid = docs_.count(collections::kLedger, plus(within(window), {Condition::eq("kind", "paid")}));
  r.cartAbandonmentRate = cartAbandonmentRate(carts, paid);
  return r;
}

Summary AnalyticsReader::summary(const TimeWindow& window, int topProducts) {
  Summary s;
  s.from = formatRfc3339(window.from);
  s.to = formatRfc3339(window.to);
  s.rates = rates(window);
  const std::string currency = mainCurrency(window);
  const auto inCurrency = plus(within(window), {Condition::eq("currency", currency)});

  // Per day: paid orders and their gross value, and refunds; the totals are their sums.
  Aggregation paidByDay;
  paidByDay.where = plus(inCurrency, {Condition::eq("kind", "paid")});
  paidByDay.groupBy = {"day"};
  paidByDay.accumulators = {Accumulator::count("orders"), Accumulator::sum("amount", "amount")};
  Aggregation refundsByDay;
  refundsByDay.where = plus(inCurrency, {Condition::eq("kind", "refund")});
  refundsByDay.groupBy = {"day"};
  refundsByDay.accumulators = {Accumulator::sum("amount", "amount")};

  std::map<std::string, DayFigures> days;
  for (const auto& date : daysOf(window)) days[date] = {date, 0, {0, currency}};
  std::int64_t gross = 0;
  for (const auto& row : docs_.aggregate(collections::kLedger, paidByDay)) {
    auto& d = days[stringOf(row, "day")];
    d.orders += integerOf(row, "orders");
    d.revenue.amount += integerOf(row, "amount");
    s.orders += integerOf(row, "orders");
    gross += integerOf(row, "amount");
  }
  std::int64_t refunds = 0;
  for (const auto& row : docs_.aggregate(collections::kLedger, refundsByDay)) {
    days[stringOf(row, "day")].revenue.amount += integerOf(row, "amount");  // negative
    refunds += integerOf(row, "amount");
  }
  for (auto& [date, figures] : days) {
    figures.date = date;
    figures.revenue.currency = currency;
    s.series.push_back(figures);
  }
  s.revenue = {gross + refunds, currency};
  s.averageOrderValue = {averageOrderValue(gross, s.orders), currency};

  Aggregation top;
  top.where = inCurrency;
  top.groupBy = {"productId"};
  top.accumulators = {Accumulator::sum("units", "units"), Accumulator::sum("revenue", "revenue"),
                      Accumulator::max("name", "name")};
  top.sort = {{"units", true}, {"revenue", true}};
  top.limit = topProducts;
  for (const auto& row : docs_.aggregate(collections::kSales, top)) {
    s.topProducts.push_back({stringOf(row, "productId"), stringOf(row, "name"), integerOf(row, "units"),
                             {integerOf(row, "revenue"), currency}});
  }
  return s;
}

}  // namespace um::analytics

#include "core/metrics.hpp"

#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/text_serializer.h>

namespace um {

// prometheus-cpp's Family::Add hashes the label map under a mutex on every call; requests
// reuse a handful of label sets, so the metric pointers are remembered per key.
struct Metrics::Cache {
  std::shared_mutex mutex;
  std::unordered_map<std::string, std::pair<prometheus::Counter*, prometheus::Histogram*>> byKey;
};

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      requests_(&prometheus::BuildCounter()
                     .Name("http_requests_total")
                     .Help("HTTP requests answered, by method, route pattern and status")
                     .Register(*registry_)),
      durations_(&prometheus::BuildHistogram()
                      .Name("http_request_duration_seconds")
                      .Help("Time from a request's last byte read to its response, in seconds")
                      .Register(*registry_)),
      cache_(std::make_unique<Cache>()) {}

Metrics::~Metrics() = default;

void Metrics::observeRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::string key;
  key.reserve(method.size() + route.size() + 5);
  key.append(method).append(" ").append(std::to_string(status)).append(" ").append(route);
  std::pair<prometheus::Counter*, prometheus::Histogram*> metrics{nullptr, nullptr};
  {
    std::shared_lock lock(cache_->mutex);
    auto it = cache_->byKey.find(key);
    if (it != cache_->byKey.end()) metrics = it->second;
  }
  if (!metrics.first) {
    static const prometheus::Histogram::BucketBoundaries kBuckets = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    std::unique_lock lock(cache_->mutex);
    auto& slot = cache_->byKey[key];
    if (!slot.first) {
      slot.first = &requests_->Add(
          {{"method", method}, {"route", route}, {"status", std::to_string(status)}});
      slot.second = &durations_->Add({{"method", method}, {"route", route}}, kBuckets);
    }
    metrics = slot;
  }
  metrics.first->Increment();
  metrics.second->Observe(seconds);
}

std::string Metrics::render() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

}  // namespace um

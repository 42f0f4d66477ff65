#pragma once

// Prometheus metrics through prometheus-cpp. The HTTP families carry the names the guide's
// alert rules query: http_requests_total{method,route,status} and the histogram
// http_request_duration_seconds{method,route}. Services add their own gauges to registry().

#include <memory>
#include <string>

#include <prometheus/registry.h>

namespace um {

class Metrics {
 public:
  Metrics();
  ~Metrics();

  // Called once per request; `route` is the pattern ("/v2/products/{id}"), never the raw
  // path, so label cardinality stays bounded.
  void observeRequest(const std::string& method, const std::string& route, int status,
                      double seconds);

  prometheus::Registry& registry() { return *registry_; }
  // The text exposition format, for GET /metrics.
  std::string render() const;

 private:
  struct Cache;
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace um

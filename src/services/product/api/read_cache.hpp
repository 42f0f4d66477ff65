#pragma once

// Cached public reads. Each answer is kept under a key that includes a generation number;
// any catalog change bumps the generation, so every older entry is simply never asked for
// again (and ages out of the LRU) instead of being hunted down key by key.
// Answers carry a strong ETag (If-None-Match → 304) and Cache-Control for the CDN.

#include <chrono>
#include <functional>
#include <string>

#include "adapters/cache/cache.hpp"
#include "core/http/message.hpp"

namespace um::product {

class ReadCache {
 public:
  ReadCache(cache::Cache& cache, std::string prefix, std::chrono::seconds ttl,
            std::chrono::seconds cdnTtl);

  // The cached answer for `key`, or compute() serialised, cached and answered.
  http::Response serve(const http::Request& request, const std::string& key,
                       const std::function<http::Json()>& compute);
  void invalidate();

  static std::string etagOf(const std::string& body);
  static bool matches(std::string_view ifNoneMatch, const std::string& etag);

 private:
  std::int64_t generation();
  http::Response answer(const http::Request& request, const std::string& etag,
                        std::string body) const;

  cache::Cache& cache_;
  std::string prefix_;
  std::string generationKey_;
  std::chrono::seconds ttl_;
  std::string cacheControl_;
};

}  // namespace um::product

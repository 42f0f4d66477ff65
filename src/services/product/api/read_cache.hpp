#pragma once

// Cached public reads, in two tiers:
//  - local (http::LocalAnswers): this process's pre-serialised answers, looked up without
//    blocking, so a hit is answered on the I/O thread (serveLocal) and its bytes are shared,
//    never copied per request;
//  - shared (the cache port; Redis in production): answers other replicas already built.
// Shared entries live under a key that includes a generation number; any catalog change
// bumps it (invalidate), so every older entry is simply never asked for again (and ages out
// of the LRU) instead of being hunted down key by key. The local tier is cleared at once.
// Answers carry a strong ETag, computed once when the answer is built (If-None-Match → 304),
// and Cache-Control for the CDN.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "adapters/cache/cache.hpp"
#include "core/http/message.hpp"
#include "core/http/local_answers.hpp"

namespace um::product {

struct ReadCacheOptions {
  std::chrono::seconds ttl{3600};     // CACHE_TTL
  std::chrono::seconds cdnTtl{300};   // CDN_CACHE_TTL, for Cache-Control
  std::size_t localEntries = 10'000;  // CACHE_MAX_SIZE; 0 keeps nothing locally
};

class ReadCache {
 public:
  ReadCache(cache::Cache& shared, std::string prefix, ReadCacheOptions options);

  // Never blocks: the answer when this process holds it, nullopt otherwise.
  std::optional<http::Response> serveLocal(const http::Request& request, const std::string& key);
  // The answer from either tier, or compute() serialised, cached in both and answered.
  // May block (the shared tier, compute).
  http::Response serve(const http::Request& request, const std::string& key,
                       const std::function<http::Json()>& compute);
  void invalidate();

  static std::string etagOf(const std::string& body);
  static bool matches(std::string_view ifNoneMatch, const std::string& etag);

 private:
  std::int64_t sharedGeneration();
  http::Response answer(const http::Request& request,
                        const std::shared_ptr<const http::CachedAnswer>& cached) const;

  cache::Cache& shared_;
  std::string prefix_;
  std::string generationKey_;
  std::chrono::seconds ttl_;
  std::string cacheControl_;
  http::LocalAnswers local_;
};

}  // namespace um::product

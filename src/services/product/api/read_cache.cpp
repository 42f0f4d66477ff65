#include "services/product/api/read_cache.hpp"

#include <cstdio>

namespace um::product {

ReadCache::ReadCache(cache::Cache& shared, std::string prefix, ReadCacheOptions options)
    : shared_(shared),
      prefix_(std::move(prefix)),
      generationKey_(prefix_ + ":generation"),
      ttl_(options.ttl),
      cacheControl_("public, max-age=" + std::to_string(options.cdnTtl.count())),
      local_(options.localEntries, options.ttl) {}

std::int64_t ReadCache::sharedGeneration() {
  if (auto g = shared_.get(generationKey_)) {
    try {
      return std::stoll(*g);
    } catch (const std::exception&) {
    }
  }
  // The counter was evicted (or never set). Restart it from the clock, so it cannot land
  // on a number an older, possibly stale, entry was stored under.
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return shared_.increment(generationKey_, ms, std::chrono::seconds{0});
}

void ReadCache::invalidate() {
  if (!shared_.get(generationKey_)) {
    sharedGeneration();
  }
  shared_.increment(generationKey_, 1, std::chrono::seconds{0});
  // Cleared only after the shared generation moved on: a worker that reads the local
  // generation after this clear then also finds the new shared generation, never an older
  // shared entry that it would keep locally as current.
  local_.clear();
}

std::string ReadCache::etagOf(const std::string& body) {
  // FNV-1a 64: stable across processes and builds (std::hash is not), so replicas behind
  // one CDN agree on the tag of the same bytes.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

bool ReadCache::matches(std::string_view ifNoneMatch, const std::string& etag) {
  const std::string_view tag(etag);
  std::size_t pos = 0;
  while (pos < ifNoneMatch.size()) {
    auto end = ifNoneMatch.find(',', pos);
    if (end == std::string_view::npos) end = ifNoneMatch.size();
    auto item = ifNoneMatch.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison (RFC 9110 13.1.2)
    if (item == "*" || item == tag) return true;
    pos = end + 1;
  }
  return false;
}

http::Response ReadCache::answer(const http::Request& request,
                                 const std::shared_ptr<const http::CachedAnswer>& cached) const {
  http::Response r;
  r.headers.set("ETag", cached->etag);
  r.headers.set("Cache-Control", cacheControl_);
  if (auto inm = request.header("If-None-Match"); inm && matches(*inm, cached->etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.headers.set("Content-Type", "application/json");
  r.sharedBody = http::CachedAnswer::bodyOf(cached);
  return r;
}

std::optional<http::Response> ReadCache::serveLocal(const http::Request& request,
                                                    const std::string& key) {
  if (auto cached = local_.find(key)) return answer(request, cached);
  return std::nullopt;
}

http::Response ReadCache::serve(const http::Request& request, const std::string& key,
                                const std::function<http::Json()>& compute) {
  // Read before anything is looked up or computed: see http::LocalAnswers.
  const auto localGeneration = local_.generation();
  if (auto cached = local_.find(key)) return answer(request, cached);

  const auto sharedKey = prefix_ + ":" + std::to_string(sharedGeneration()) + ":" + key;
  if (auto hit = shared_.get(sharedKey)) {
    const auto split = hit->find('\n');
    if (split != std::string::npos) {
      auto cached = std::make_shared<const http::CachedAnswer>(
          http::CachedAnswer{hit->substr(0, split), hit->substr(split + 1)});
      local_.store(localGeneration, key, cached);
      return answer(request, cached);
    }
  }
  auto body = compute().dump(-1, ' ', false, http::Json::error_handler_t::replace);
  auto etag = etagOf(body);
  shared_.set(sharedKey, etag + "\n" + body, ttl_);
  auto cached = std::make_shared<const http::CachedAnswer>(http::CachedAnswer{std::move(etag), std::move(body)});
  local_.store(localGeneration, key, cached);
  return answer(request, cached);
}

}  // namespace um::product

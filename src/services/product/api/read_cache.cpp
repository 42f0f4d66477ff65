#include "services/product/api/read_cache.hpp"

#include <cstdio>

namespace um::product {

ReadCache::ReadCache(cache::Cache& cache, std::string prefix, std::chrono::seconds ttl,
                     std::chrono::seconds cdnTtl)
    : cache_(cache),
      prefix_(std::move(prefix)),
      generationKey_(prefix_ + ":generation"),
      ttl_(ttl),
      cacheControl_("public, max-age=" + std::to_string(cdnTtl.count())) {}

std::int64_t ReadCache::generation() {
  if (auto g = cache_.get(generationKey_)) {
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
  return cache_.increment(generationKey_, ms, std::chrono::seconds{0});
}

void ReadCache::invalidate() {
  if (!cache_.get(generationKey_)) {
    generation();
  }
  cache_.increment(generationKey_, 1, std::chrono::seconds{0});
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

http::Response ReadCache::answer(const http::Request& request, const std::string& etag,
                                 std::string body) const {
  http::Response r;
  r.headers.set("ETag", etag);
  r.headers.set("Cache-Control", cacheControl_);
  if (auto inm = request.header("If-None-Match"); inm && matches(*inm, etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.headers.set("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

http::Response ReadCache::serve(const http::Request& request, const std::string& key,
                                const std::function<http::Json()>& compute) {
  const auto fullKey = prefix_ + ":" + std::to_string(generation()) + ":" + key;
  if (auto hit = cache_.get(fullKey)) {
    const auto split = hit->find('\n');
    if (split != std::string::npos) {
      return answer(request, hit->substr(0, split), hit->substr(split + 1));
    }
  }
  auto body = compute().dump(-1, ' ', false, http::Json::error_handler_t::replace);
  auto etag = etagOf(body);
  cache_.set(fullKey, etag + "\n" + body, ttl_);
  return answer(request, etag, std::move(body));
}

}  // namespace um::product

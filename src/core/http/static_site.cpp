#include "core/http/static_site.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <openssl/sha.h>

namespace um::http {

namespace {

std::string contentTypeFor(const std::filesystem::path& path) {
  static const std::unordered_map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string etagOf(const std::string& body) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (int i = 0; i < 12; ++i) {
    tag += kHex[digest[i] >> 4];
    tag += kHex[digest[i] & 0xF];
  }
  return tag + "\"";
}

}  // namespace

StaticSite::StaticSite(std::string prefix, const std::filesystem::path& root,
                       StaticSiteOptions options)
    : prefix_(std::move(prefix)), options_(options) {
  namespace fs = std::filesystem;
  if (!fs::exists(root / "index.html")) {
    throw std::runtime_error("no index.html in " + root.string());
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    File file{content.str(), contentTypeFor(entry.path()), "", rel.starts_with("assets/")};
    file.etag = etagOf(file.body);
    files_.emplace(rel, std::move(file));
  }
}

std::optional<Response> StaticSite::serve(const Request& request) const {
  if (!request.path.starts_with(prefix_)) return std::nullopt;
  std::string rel = request.path.substr(prefix_.size());
  if (rel.empty()) rel = "index.html";
  if (auto it = files_.find(rel); it != files_.end()) return answer(request, it->second);
  // A client-side route ("/products/red-shoe") gets the app; a missing asset gets a 404.
  const auto lastSlash = rel.rfind('/');
  const auto dot = rel.rfind('.');
  if (dot != std::string::npos && (lastSlash == std::string::npos || dot > lastSlash)) {
    return std::nullopt;
  }
  return answer(request, files_.at("index.html"));
}

Response StaticSite::answer(const Request& request, const File& file) const {
  Response res;
  res.headers.set("ETag", file.etag);
  res.headers.set("Cache-Control",
                  file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.headers.set("X-Content-Type-Options", "nosniff");
  if (file.contentType.starts_with("text/html")) {
    res.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.headers.set("X-Frame-Options", "DENY");
    if (options_.contentSecurityPolicy) {
      // Images may come from a CDN (CDN_URL) or the demo catalog's hosts, hence https:.
      res.headers.set("Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data: https:; style-src 'self' "
                      "'unsafe-inline'; script-src 'self'; connect-src 'self'; "
                      "frame-ancestors 'none'; base-uri 'self'");
    }
  }
  auto ifNoneMatch = request.header("If-None-Match");
  if (ifNoneMatch && *ifNoneMatch == file.etag) {
    res.status = 304;
    return res;
  }
  res.status = 200;
  res.headers.set("Content-Type", file.contentType);
  res.body = file.body;
  return res;
}

}  // namespace um::http

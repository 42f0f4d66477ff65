#pragma once

// Serves a built single-page app (the storefront at "/", the admin panel at "/admin/") from
// memory: the files are read once at start (a Vite build is a few hundred KiB), so answers
// never touch the disk and can run on the I/O thread. Paths without a file extension fall
// back to index.html so client-side routes survive a reload. Fingerprinted assets under
// assets/ are cached for a year; index.html is revalidated on every load.

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/http/message.hpp"

namespace um::http {

struct StaticSiteOptions {
  bool contentSecurityPolicy = true;  // HELMET_CSP_ENABLED
};

class StaticSite {
 public:
  // `prefix` is the URL path the site is mounted at ("/" or "/admin/"). Throws when `root`
  // has no index.html.
  StaticSite(std::string prefix, const std::filesystem::path& root, StaticSiteOptions options);

  const std::string& prefix() const { return prefix_; }
  // nullopt when the path is not under this site's prefix.
  std::optional<Response> serve(const Request& request) const;

 private:
  struct File {
    std::string body;
    std::string contentType;
    std::string etag;
    bool immutable;
  };
  Response answer(const Request& request, const File& file) const;

  std::string prefix_;
  StaticSiteOptions options_;
  std::unordered_map<std::string, File> files_;  // relative path → file
};

}  // namespace um::http

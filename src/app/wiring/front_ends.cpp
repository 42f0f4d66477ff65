#include "app/wiring/front_ends.hpp"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/http/static_site.hpp"
#include "core/log.hpp"

namespace um::app {

namespace {

namespace fs = std::filesystem;

// build/ultramarket → the repository root, where web/dist and admin/dist are built.
fs::path besideBinary(const std::string& relative) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return relative;
  return exe.parent_path().parent_path() / relative;
}

std::shared_ptr<http::StaticSite> load(const std::string& prefix, const std::string& configured,
                                       const std::string& fallbackRelative, const Config& config) {
  const fs::path root = configured.empty() ? besideBinary(fallbackRelative) : fs::path(configured);
  if (!fs::exists(root / "index.html")) {
    log::info("front end not built; not serving it", {{"prefix", prefix}, {"dir", root.string()}});
    return nullptr;
  }
  log::info("serving front end", {{"prefix", prefix}, {"dir", root.string()}});
  return std::make_shared<http::StaticSite>(
      prefix, root, http::StaticSiteOptions{.contentSecurityPolicy = config.helmetCspEnabled});
}

}  // namespace

void registerFrontEnds(http::Router& router, const Config& config) {
  auto admin = load("/admin/", config.adminDistDir, "admin/dist", config);
  auto web = load("/", config.webDistDir, "web/dist", config);

  // The router treats "/admin" and "/admin/" as one path, so this route sees both: only the
  // bare form is redirected, so relative asset URLs resolve under /admin/.
  router.add(
      "GET", "/admin",
      [admin](http::Request& req) {
        if (req.path == "/admin") {
          http::Response r;
          r.status = 301;
          r.headers.set("Location", "/admin/");
          return r;
        }
        if (admin) {
          if (auto res = admin->serve(req)) return std::move(*res);
        }
        throw Error(ErrorKind::kNotFound, "not_found", "the admin panel is not built");
      },
      {.execution = http::Execution::kInline});

  router.setFallback([admin, web](http::Request& req) -> http::Response {
    const bool api = req.path == "/v2" || req.path.starts_with("/v2/");
    if (!api) {
      const auto& site = req.path.starts_with("/admin/") ? admin : web;
      if (site) {
        if (auto res = site->serve(req)) return std::move(*res);
      }
    }
    throw Error(ErrorKind::kNotFound, "not_found", "no route for " + req.path);
  });
}

}  // namespace um::app

#include "core/http/router.hpp"

#include <set>

#include "core/error.hpp"

namespace um::http {

namespace {

bool isParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (isParam(pattern[i])) {
      if (path[i].empty()) return false;
      if (params) (*params)[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  if (!path.empty() && path.front() == '/') start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  // "/v2/products/" and "/v2/products" are the same resource.
  if (out.size() > 1 && out.back().empty()) out.pop_back();
  return out;
}

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  auto segments = splitPath(pattern);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i]->method == method && segments_[i] == segments) {
      throw std::logic_error("route registered twice: " + method + " " + pattern);
    }
  }
  if (options.fastPath && !options.middleware.empty()) {
    throw std::logic_error("a fast path would bypass the middleware of " + method + " " + pattern);
  }
  // Wrap innermost-last so options.middleware[0] runs first.
  for (auto it = options.middleware.rbegin(); it != options.middleware.rend(); ++it) {
    handler = [mw = *it, next = std::move(handler)](Request& req) { return mw(req, next); };
  }
  routes_.push_back(std::make_unique<Route>(
      Route{std::move(method), std::move(pattern), std::move(handler), options.execution,
            std::move(options.fastPath)}));
  segments_.push_back(std::move(segments));
}

Router::Match Router::match(Request& request) const {
  const auto path = splitPath(request.path);
  std::set<std::string> allowed;
  // Static segments win over parameters ("/v2/products/search" before "/v2/products/{id}"):
  // the first pass accepts only routes without parameters at the differing position.
  const Route* best = nullptr;
  std::size_t bestIndex = 0;
  int bestParams = 1 << 30;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(segments_[i], path, nullptr)) continue;
    if (routes_[i]->method != request.method &&
        !(request.method == "HEAD" && routes_[i]->method == "GET")) {
      allowed.insert(routes_[i]->method);
      continue;
    }
    int params = 0;
    for (const auto& s : segments_[i]) params += isParam(s) ? 1 : 0;
    if (params < bestParams) {
      best = routes_[i].get();
      bestIndex = i;
      bestParams = params;
    }
  }
  Match m;
  if (best) {
    matches(segments_[bestIndex], path, &request.params);
    request.routePattern = best->pattern;
    m.route = best;
    return m;
  }
  for (const auto& method : allowed) {
    if (!m.allowedMethods.empty()) m.allowedMethods += ", ";
    m.allowedMethods += method;
  }
  return m;
}

}  // namespace um::http

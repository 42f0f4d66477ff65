#include "services/search/api/routes.hpp"

#include <charconv>
#include <functional>
#include <memory>
#include <optional>

#include "core/error.hpp"

namespace um::search::api {

namespace {

std::int64_t integerParam(const std::string& text, const std::string& field) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw Error::validation(field, field + " must be an integer");
  }
  return value;
}

SearchRequest requestFrom(const http::Request& r) {
  SearchRequest s;
  s.q = r.queryParam("q").value_or("");
  if (auto v = r.queryParam("category"); v && !v->empty()) s.category = *v;
  if (auto v = r.queryParam("brand"); v && !v->empty()) s.brand = *v;
  if (auto v = r.queryParam("minPrice")) s.minPrice = integerParam(*v, "minPrice");
  if (auto v = r.queryParam("maxPrice")) s.maxPrice = integerParam(*v, "maxPrice");
  if (auto v = r.queryParam("inStock"); v && !v->empty()) {
    if (*v == "true" || *v == "1") {
      s.inStock = true;
    } else if (*v == "false" || *v == "0") {
      s.inStock = false;
    } else {
      throw Error::validation("inStock", "inStock must be true or false");
    }
  }
  if (auto v = r.queryParam("sort"); v && !v->empty()) {
    auto sort = parseSort(*v);
    if (!sort) {
      throw Error::validation(
          "sort", "sort must be relevance, newest, price_asc, price_desc, popular or name");
    }
    s.sort = *sort;
  }
  if (auto v = r.queryParam("limit")) {
    const auto limit = integerParam(*v, "limit");
    if (limit < 1 || limit > 100) throw Error::validation("limit", "limit must be between 1 and 100");
    s.limit = static_cast<int>(limit);
  }
  if (auto v = r.queryParam("cursor"); v && !v->empty()) s.cursor = *v;
  return s;
}

http::Json facetJson(const std::vector<FacetValue>& values) {
  http::Json out = http::Json::array();
  for (const auto& v : values) {
    out.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
  }
  return out;
}

// An answer depends on the path, the query parameters (a sorted map, so their order in
// the URL does not matter) and the index alone.
std::string answerKey(const http::Request& req) {
  std::string key = req.path;
  for (const auto& [name, value] : req.query) key.append("\n").append(name).append("=").append(value);
  return key;
}

http::Response answerWith(std::shared_ptr<const http::CachedAnswer> answer) {
  return http::Response::shared(200, http::CachedAnswer::bodyOf(std::move(answer)),
                                "application/json");
}

// Repeated queries (a shop's searches are dominated by a few) are answered from memory, on
// the I/O thread, until the next index change; only a new question reaches the index.
http::RouteOptions rememberedAnswers(http::LocalAnswers& answers) {
  http::RouteOptions options;
  options.fastPath = [&answers](const http::Request& req) -> std::optional<http::Response> {
    if (auto hit = answers.find(answerKey(req))) return answerWith(std::move(hit));
    return std::nullopt;
  };
  return options;
}

http::Response remembered(http::LocalAnswers& answers, const http::Request& req,
                          const std::function<http::Json()>& compute) {
  const auto generation = answers.generation();  // before the index is read
  const auto key = answerKey(req);
  if (auto hit = answers.find(key)) return answerWith(std::move(hit));
  auto answer = std::make_shared<const http::CachedAnswer>(http::CachedAnswer{
      "", compute().dump(-1, ' ', false, http::Json::error_handler_t::replace)});
  answers.store(generation, key, answer);
  return answerWith(std::move(answer));
}

}  // namespace

void registerRoutes(http::Router& router, Searcher& searcher, http::LocalAnswers& answers) {
  router.add("GET", "/v2/search", [&searcher, &answers](http::Request& req) {
    return remembered(answers, req, [&] {
      const auto page = searcher.search(requestFrom(req));
      const auto& r = page.result;
      http::Json prices = http::Json::array();
      for (const auto& b : r.prices) {
        prices.push_back({{"min", b.min},
                          {"max", b.max ? http::Json(*b.max) : http::Json(nullptr)},
                          {"count", b.count}});
      }
      return http::Json{
          {"items", r.items},
          {"total", r.total},
          {"nextCursor", page.nextCursor ? http::Json(*page.nextCursor) : http::Json(nullptr)},
          {"facets",
           {{"category", facetJson(r.categories)},
            {"brand", facetJson(r.brands)},
            {"price", std::move(prices)}}}};
    });
  }, rememberedAnswers(answers));

  router.add("GET", "/v2/search/suggest", [&searcher, &answers](http::Request& req) {
    return remembered(answers, req, [&] {
      return http::Json{{"suggestions", searcher.suggest(req.queryParam("q").value_or(""))}};
    });
  }, rememberedAnswers(answers));
}

}  // namespace um::search::api

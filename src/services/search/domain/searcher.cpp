#include "services/search/domain/searcher.hpp"

#include <cctype>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "services/search/domain/text.hpp"

namespace um::search {

namespace {

std::string stringAt(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t integerAt(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool validFilterValue(const std::string& v) {
  if (v.empty() || v.size() > 120) return false;
  for (unsigned char c : v) {
    if (!std::isalnum(c) && c != '-') return false;
  }
  return true;
}

// Search pages by position: relevance order is not stable under index changes anyway, so
// a keyset would buy nothing here. The cursor stays opaque so that can change later.
std::string encodeOffset(int offset, Sort sort) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : Json{{"o", offset}, {"s", static_cast<int>(sort)}}.dump()) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::optional<std::string> unhex(const std::string& text) {
  if (text.size() % 2 != 0 || text.size() > 200) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    int v = 0;
    for (char c : {text[i], text[i + 1]}) {
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else return std::nullopt;
    }
    out += static_cast<char>(v);
  }
  return out;
}

int decodeOffset(const std::string& cursor, Sort sort) {
  auto raw = unhex(cursor);
  if (raw) {
    auto j = Json::parse(*raw, nullptr, false);
    if (j.is_object() && j.contains("o") && j["o"].is_number_integer() && j.contains("s") &&
        j["s"] == static_cast<int>(sort)) {
      const auto o = j["o"].get<std::int64_t>();
      if (o >= 0 && o <= Searcher::kMaxOffset) return static_cast<int>(o);
    }
  }
  throw Error::validation("cursor", "the cursor is not valid for this search");
}

}  // namespace

std::optional<Sort> parseSort(std::string_view text) {
  if (text == "relevance") return Sort::kRelevance;
  if (text == "newest") return Sort::kNewest;
  if (text == "price_asc") return Sort::kPriceAsc;
  if (text == "price_desc") return Sort::kPriceDesc;
  if (text == "popular") return Sort::kPopular;
  if (text == "name") return Sort::kName;
  return std::nullopt;
}

double boostFor(std::int64_t popularity) {
  return 0.1 * std::log1p(static_cast<double>(std::max<std::int64_t>(popularity, 0)));
}

Document documentFromEvent(const Json& payload) {
  if (!payload.is_object() || !payload.contains("product") || !payload["product"].is_object()) {
    throw Error::validation("payload", "event without a product");
  }
  const Json& p = payload["product"];
  Document d;
  d.id = stringAt(p, "id");
  if (d.id.empty()) throw Error::validation("payload", "product without an id");
  d.revision = integerAt(payload, "revision");
  d.active = stringAt(p, "status") == "active";
  d.product = p;
  d.name = stringAt(p, "name");
  d.brand = stringAt(p, "brand");
  d.description = stringAt(p, "description");
  if (auto c = p.find("category"); c != p.end() && c->is_object()) {
    d.categoryId = stringAt(*c, "id");
    d.categorySlug = stringAt(*c, "slug");
    d.categoryName = stringAt(*c, "name");
  }
  if (auto path = payload.find("categoryPath"); path != payload.end() && path->is_array()) {
    for (const auto& s : *path) {
      if (s.is_string()) d.categoryPath.push_back(s.get<std::string>());
    }
  }
  if (d.categoryPath.empty() && !d.categorySlug.empty()) d.categoryPath.push_back(d.categorySlug);
  if (auto price = p.find("price"); price != p.end() && price->is_object()) {
    d.price = integerAt(*price, "amount");
  }
  d.stock = integerAt(p, "stock");
  d.popularity = integerAt(payload, "popularity");
  d.boost = boostFor(d.popularity);
  d.createdAt = stringAt(p, "createdAt");
  std::set<std::string> terms;
  for (const auto* text : {&d.name, &d.brand, &d.categoryName, &d.description}) {
    for (auto& w : tokenize(*text)) {
      if (w.size() >= 2 && w.size() <= 40) terms.insert(std::move(w));
    }
  }
  d.terms.assign(terms.begin(), terms.end());
  return d;
}

bool Searcher::apply(const std::string& eventType, const Json& payload) {
  if (!eventType.starts_with("product.") && eventType != "inventory.changed") return false;
  return index_.upsert(documentFromEvent(payload));
}

Query Searcher::buildQuery(const SearchRequest& r) {
  if (r.limit < 1 || r.limit > 100) {
    throw Error::validation("limit", "limit must be between 1 and 100");
  }
  if (r.q.size() > 200) throw Error::validation("q", "q is longer than 200 characters");
  if (r.minPrice && *r.minPrice < 0) throw Error::validation("minPrice", "minPrice must not be negative");
  if (r.maxPrice && *r.maxPrice < 0) throw Error::validation("maxPrice", "maxPrice must not be negative");
  if (r.minPrice && r.maxPrice && *r.minPrice > *r.maxPrice) {
    throw Error::validation("maxPrice", "maxPrice must not be below minPrice");
  }
  if (r.category && !validFilterValue(*r.category)) {
    throw Error::validation("category", "category must be a category slug or id");
  }
  Query q;
  q.category = r.category;
  q.brand = r.brand;
  q.minPrice = r.minPrice;
  q.maxPrice = r.maxPrice;
  q.inStock = r.inStock;
  q.sort = r.sort;
  q.limit = r.limit;
  if (r.cursor) q.offset = decodeOffset(*r.cursor, r.sort);

  auto words = tokenize(r.q);
  if (words.size() > kMaxTerms) words.resize(kMaxTerms);
  // One round trip for every word's candidates: the vocabulary answers which exist.
  std::vector<std::string> candidates;
  for (const auto& w : words) {
    for (auto& c : typoCandidates(w)) candidates.push_back(std::move(c));
    if (w.size() >= kMinTypoLength) candidates.push_back(w);
  }
  std::set<std::string> known;
  if (!candidates.empty()) {
    for (auto& k : index_.knownTerms(candidates)) known.insert(std::move(k));
  }
  for (const auto& w : words) {
    Term t{w, {}};
    // A word the catalog knows is taken as written: "shirt" must not also find "skirt".
    if (w.size() >= kMinTypoLength && !known.contains(w)) {
      for (const auto& k : known) {
        if (k != w && withinOneEdit(k, w)) t.corrections.push_back(k);
      }
    }
    q.terms.push_back(std::move(t));
  }
  return q;
}

SearchPage Searcher::search(const SearchRequest& request) {
  const auto query = buildQuery(request);
  SearchPage page;
  page.result = index_.search(query);
  const auto next = query.offset + static_cast<int>(page.result.items.size());
  if (!page.result.items.empty() && next < page.result.total && next <= kMaxOffset) {
    page.nextCursor = encodeOffset(next, query.sort);
  }
  return page;
}

std::vector<std::string> Searcher::suggest(const std::string& q, int limit) {
  if (q.size() > 200) throw Error::validation("q", "q is longer than 200 characters");
  auto words = tokenize(q);
  if (words.empty()) return {};
  if (words.size() > kMaxTerms) words.resize(kMaxTerms);
  return index_.suggest(words, limit);
}

}  // namespace um::search

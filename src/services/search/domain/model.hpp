#pragma once

// The search service's vocabulary, independent of any index technology.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace um::search {

using Json = nlohmann::json;

// One product as the index holds it, built from the product service's events only.
struct Document {
  std::string id;
  std::int64_t revision = 0;
  bool active = false;  // only active products are found
  Json product;         // the public Product JSON, returned as is
  std::string name;
  std::string brand;
  std::string description;
  std::string categoryId;
  std::string categorySlug;
  std::string categoryName;
  std::vector<std::string> categoryPath;  // slugs from the root down
  std::int64_t price = 0;
  std::int64_t stock = 0;
  std::int64_t popularity = 0;
  double boost = 0;  // relevance multiplier from popularity (see boostFor)
  std::string createdAt;
  std::vector<std::string> terms;  // distinct words, for typo correction
};

enum class Sort { kRelevance, kNewest, kPriceAsc, kPriceDesc, kPopular, kName };
std::optional<Sort> parseSort(std::string_view text);

// One query word: matched as a prefix, or exactly as one of its corrections.
struct Term {
  std::string word;
  std::vector<std::string> corrections;
};

struct Query {
  std::vector<Term> terms;  // all must match; none → every active product
  std::optional<std::string> category;  // slug or id; includes sub-categories
  std::optional<std::string> brand;
  std::optional<std::int64_t> minPrice;
  std::optional<std::int64_t> maxPrice;
  std::optional<bool> inStock;
  Sort sort = Sort::kRelevance;
  int limit = 20;
  int offset = 0;
};

struct FacetValue {
  std::string value;
  std::string label;
  std::int64_t count = 0;
};

struct PriceBucket {
  std::int64_t min = 0;
  std::optional<std::int64_t> max;  // none: and above
  std::int64_t count = 0;
};

struct Result {
  std::vector<Json> items;
  std::int64_t total = 0;
  std::vector<FacetValue> categories;
  std::vector<FacetValue> brands;
  std::vector<PriceBucket> prices;
};

// The price facet's bucket bounds in minor units: [0, 25), [25, 50), ... [500, ∞) dollars.
inline const std::vector<std::int64_t>& priceBucketBounds() {
  static const std::vector<std::int64_t> bounds = {0, 2500, 5000, 10000, 25000, 50000};
  return bounds;
}

}  // namespace um::search

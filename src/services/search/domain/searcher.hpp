#pragma once

// The search workflows: turning product events into index documents, and shopper queries
// into index queries with typo corrections.

#include <optional>
#include <string>
#include <vector>

#include "services/search/domain/model.hpp"
#include "services/search/domain/search_index.hpp"

namespace um::search {

// The index document for a product.* or inventory.changed payload (both carry the whole
// product and its revision). Throws Error(kValidation) for a payload it cannot read.
Document documentFromEvent(const Json& payload);

// Relevance multiplier: grows with the log of popularity, so a best seller outranks an
// equally relevant unknown product but never an irrelevant one.
double boostFor(std::int64_t popularity);

struct SearchRequest {
  std::string q;
  std::optional<std::string> category;
  std::optional<std::string> brand;
  std::optional<std::int64_t> minPrice;
  std::optional<std::int64_t> maxPrice;
  std::optional<bool> inStock;
  Sort sort = Sort::kRelevance;
  int limit = 20;
  std::optional<std::string> cursor;
};

struct SearchPage {
  Result result;
  std::optional<std::string> nextCursor;
};

class Searcher {
 public:
  explicit Searcher(SearchIndex& index) : index_(index) {}

  // Applies one event; returns whether the index changed.
  bool apply(const std::string& eventType, const Json& payload);
  SearchPage search(const SearchRequest& request);
  std::vector<std::string> suggest(const std::string& q, int limit = 8);

  // The query the index is asked, with corrections for unknown words. Exposed for tests.
  Query buildQuery(const SearchRequest& request);

  static constexpr int kMaxOffset = 10'000;
  static constexpr std::size_t kMaxTerms = 8;

 private:
  SearchIndex& index_;
};

}  // namespace um::search

#pragma once

// The search index port. Embedded: SQLite FTS5; fallback on PostgreSQL: its full-text
// search; an Elasticsearch adapter (later) implements the same four calls: documents are
// versioned by revision (ES external versioning), queries carry already-corrected terms.

#include <string>
#include <vector>

#include "services/search/domain/model.hpp"

namespace um::search {

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Stores the document unless the index already holds the same or a newer revision.
  // Returns whether it was applied. An inactive document is kept (its revision guards
  // against older events) but never found.
  virtual bool upsert(const Document& document) = 0;
  virtual Result search(const Query& query) = 0;
  // Names of the most popular active products whose name words start with `words`.
  virtual std::vector<std::string> suggest(const std::vector<std::string>& words, int limit) = 0;
  // The subset of `candidates` that occur in indexed text.
  virtual std::vector<std::string> knownTerms(const std::vector<std::string>& candidates) = 0;
};

}  // namespace um::search

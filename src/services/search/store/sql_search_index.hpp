#pragma once

// What the two relational search indexes share: documents, filters, facets, sorts and the
// vocabulary are plain SQL over search_documents/search_terms; only how words match and
// how relevance is scored differ (FTS5 + bm25 vs tsvector + ts_rank), in the subclasses.

#include <optional>
#include <string>

#include "adapters/sql/database.hpp"
#include "services/search/domain/search_index.hpp"

namespace um::search {

class SqlSearchIndex : public SearchIndex {
 public:
  explicit SqlSearchIndex(sql::Database& db) : db_(db) {}

  bool upsert(const Document& document) override;
  Result search(const Query& query) override;
  std::vector<std::string> knownTerms(const std::vector<std::string>& candidates) override;

 protected:
  // How the text match joins in. `from` names search_documents as d; `where` filters it
  // to matching rows; `score` is smaller for better matches. Parameters are appended to
  // `params` ($N numbering continues from its size).
  struct TextMatch {
    std::string from;
    std::string where;
    std::string score;
  };
  virtual TextMatch textMatch(const std::vector<Term>& terms, sql::Params& params) = 0;
  // Writes the document row (and its text index entry) for a revision known to be newer.
  virtual void writeDocument(sql::Transaction& tx, const Document& document) = 0;

  static std::string next(sql::Params& params, sql::Value value);
  sql::Database& db_;
};

}  // namespace um::search

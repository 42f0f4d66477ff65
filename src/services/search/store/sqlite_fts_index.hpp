#pragma once

// The embedded search index: SQLite FTS5, ranked by bm25 (name weighs most, then brand,
// category, description) scaled by the popularity boost.

#include "services/search/store/sql_search_index.hpp"

namespace um::search {

class SqliteFtsIndex final : public SqlSearchIndex {
 public:
  using SqlSearchIndex::SqlSearchIndex;
  std::vector<std::string> suggest(const std::vector<std::string>& words, int limit) override;

 protected:
  TextMatch textMatch(const std::vector<Term>& terms, sql::Params& params) override;
  void writeDocument(sql::Transaction& tx, const Document& document) override;
};

}  // namespace um::search

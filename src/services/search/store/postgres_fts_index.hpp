#pragma once

// The search index on PostgreSQL full-text search: a weighted tsvector (name A, brand and
// category B, description D) under a GIN index, ranked by ts_rank scaled by popularity.

#include "services/search/store/sql_search_index.hpp"

namespace um::search {

class PostgresFtsIndex final : public SqlSearchIndex {
 public:
  using SqlSearchIndex::SqlSearchIndex;
  std::vector<std::string> suggest(const std::vector<std::string>& words, int limit) override;

 protected:
  TextMatch textMatch(const std::vector<Term>& terms, sql::Params& params) override;
  void writeDocument(sql::Transaction& tx, const Document& document) override;
};

}  // namespace um::search

#include "services/search/store/postgres_fts_index.hpp"

namespace um::search {

namespace {

// Lexemes come from tokenize() (no quotes, no operators); quoting still keeps tsquery
// from reading anything in them as syntax.
std::string lexeme(const std::string& word) { return "'" + word + "'"; }

std::string tsquery(const std::vector<Term>& terms) {
  std::string q;
  for (const auto& t : terms) {
    if (!q.empty()) q += " & ";
    q += "(" + lexeme(t.word) + ":*";
    for (const auto& c : t.corrections) q += " | " + lexeme(c);
    q += ")";
  }
  return q;
}

}  // namespace

SqlSearchIndex::TextMatch PostgresFtsIndex::textMatch(const std::vector<Term>& terms,
                                                      sql::Params& params) {
  // One parameter used twice: every statement built from this references it in WHERE,
  // so PostgreSQL can always infer its type.
  const auto p = next(params, tsquery(terms));
  return {"search_documents d", "d.tsv @@ to_tsquery('simple', " + p + ")",
          "(0 - ts_rank(d.tsv, to_tsquery('simple', " + p + ")) * (1.0 + d.boost))"};
}

void PostgresFtsIndex::writeDocument(sql::Transaction& tx, const Document& d) {
  std::string path = "/";
  std::string categoryText = d.categoryName;
  for (const auto& s : d.categoryPath) {
    path += s + "/";
    categoryText += " " + s;
  }
  tx.execute(
      "INSERT INTO search_documents (id, revision, active, doc, name, brand, category_id, "
      "category_slug, category_name, category_path, price, stock, popularity, boost, "
      "created_at, tsv) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
      "$15, setweight(to_tsvector('simple', $16), 'A') || "
      "setweight(to_tsvector('simple', $17), 'B') || "
      "setweight(to_tsvector('simple', $18), 'D')) "
      "ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision, active = EXCLUDED.active, "
      "doc = EXCLUDED.doc, name = EXCLUDED.name, brand = EXCLUDED.brand, "
      "category_id = EXCLUDED.category_id, category_slug = EXCLUDED.category_slug, "
      "category_name = EXCLUDED.category_name, category_path = EXCLUDED.category_path, "
      "price = EXCLUDED.price, stock = EXCLUDED.stock, popularity = EXCLUDED.popularity, "
      "boost = EXCLUDED.boost, created_at = EXCLUDED.created_at, tsv = EXCLUDED.tsv",
      {d.id, d.revision, std::int64_t{d.active ? 1 : 0}, d.product.dump(), d.name, d.brand,
       d.categoryId, d.categorySlug, d.categoryName, path, d.price, d.stock, d.popularity,
       d.boost, d.createdAt, d.name, d.brand + " " + categoryText, d.description});
}

std::vector<std::string> PostgresFtsIndex::suggest(const std::vector<std::string>& words,
                                                   int limit) {
  std::string q;
  // :*A — a prefix match restricted to weight A, the name.
  for (const auto& w : words) q += (q.empty() ? "" : " & ") + lexeme(w) + ":*A";
  auto rows = db_.execute(
      "SELECT d.name FROM search_documents d "
      "WHERE d.active = 1 AND d.tsv @@ to_tsquery('simple', $1) GROUP BY d.name "
      "ORDER BY MAX(d.popularity) DESC, d.name LIMIT $2",
      {q, std::int64_t{limit}});
  std::vector<std::string> out;
  for (const auto& r : rows.rows) out.push_back(r.get<std::string>("name"));
  return out;
}

}  // namespace um::search

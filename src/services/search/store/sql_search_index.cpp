#include "services/search/store/sql_search_index.hpp"

#include <algorithm>

#include "core/crypto/digest.hpp"

namespace um::search {

namespace {

// SHA-256 over the fields the full-text entry and the filters by category are made of,
// each preceded by its length, so no two different sets of fields read the same.
std::string textKey(const Document& d) {
  std::string text;
  auto add = [&text](const std::string& field) {
    text += std::to_string(field.size());
    text += ':';
    text += field;
  };
  for (const auto* field : {&d.name, &d.brand, &d.description, &d.categoryId, &d.categorySlug,
                            &d.categoryName, &d.createdAt}) {
    add(*field);
  }
  for (const auto& slug : d.categoryPath) add(slug);
  return crypto::sha256Hex(text);
}

std::string bucketExpression() {
  const auto& b = priceBucketBounds();
  std::string e = "CASE";
  for (std::size_t i = 1; i < b.size(); ++i) {
    e += " WHEN d.price < " + std::to_string(b[i]) + " THEN " + std::to_string(i - 1);
  }
  return e + " ELSE " + std::to_string(b.size() - 1) + " END";
}

}  // namespace

std::string SqlSearchIndex::next(sql::Params& params, sql::Value value) {
  params.push_back(std::move(value));
  return "$" + std::to_string(params.size());
}

bool SqlSearchIndex::upsert(const Document& doc) {
  const std::string key = textKey(doc);
  return db_.transaction([&](sql::Transaction& tx) {
    auto current =
        tx.execute("SELECT revision, text_key FROM search_documents WHERE id = $1", {doc.id});
    if (!current.empty() && current.one().get<std::int64_t>("revision") >= doc.revision) {
      return false;
    }
    if (!current.empty() && current.one().get<std::optional<std::string>>("text_key") == key) {
      // Only stock, price, popularity or status moved (most events: every reservation and
      // every paid order): the full-text entry and the vocabulary stay as they are.
      tx.enqueue(
          "UPDATE search_documents SET revision = $1, active = $2, doc = $3, price = $4, "
          "stock = $5, popularity = $6, boost = $7 WHERE id = $8",
          {doc.revision, std::int64_t{doc.active ? 1 : 0}, doc.product.dump(), doc.price,
           doc.stock, doc.popularity, doc.boost, doc.id});
      return true;
    }
    writeDocument(tx, doc);
    tx.enqueue("UPDATE search_documents SET text_key = $1 WHERE id = $2", {key, doc.id});
    // The vocabulary only grows: a word that no longer matches anything costs one
    // correction that finds nothing, which is cheaper than counting references.
    for (std::size_t start = 0; start < doc.terms.size(); start += 200) {
      const auto end = std::min(doc.terms.size(), start + 200);
      std::string sqlText = "INSERT INTO search_terms (term) VALUES ";
      sql::Params params;
      for (auto i = start; i < end; ++i) {
        sqlText += (i > start ? ", (" : "(") + next(params, doc.terms[i]) + ")";
      }
      tx.execute(sqlText + " ON CONFLICT DO NOTHING", params);
    }
    return true;
  });
}

std::vector<std::string> SqlSearchIndex::knownTerms(const std::vector<std::string>& candidates) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < candidates.size(); start += 5000) {
    const auto end = std::min(candidates.size(), start + 5000);
    std::string sqlText = "SELECT term FROM search_terms WHERE term IN (";
    sql::Params params;
    for (auto i = start; i < end; ++i) {
      sqlText += (i > start ? ", " : "") + next(params, candidates[i]);
    }
    for (const auto& r : db_.execute(sqlText + ")", params).rows) {
      out.push_back(r.get<std::string>("term"));
    }
  }
  return out;
}

Result SqlSearchIndex::search(const Query& q) {
  sql::Params params;
  TextMatch match{"search_documents d", "1 = 1", "(0 - d.boost)"};
  if (!q.terms.empty()) match = textMatch(q.terms, params);
  std::string where = " WHERE d.active = 1 AND " + match.where;
  if (q.category) {
    const auto a = next(params, "%/" + *q.category + "/%");
    const auto b = next(params, *q.category);
    where += " AND (d.category_path LIKE " + a + " OR d.category_id = " + b + ")";
  }
  if (q.brand) where += " AND d.brand = " + next(params, *q.brand);
  if (q.minPrice) where += " AND d.price >= " + next(params, *q.minPrice);
  if (q.maxPrice) where += " AND d.price <= " + next(params, *q.maxPrice);
  if (q.inStock) where += *q.inStock ? " AND d.stock > 0" : " AND d.stock <= 0";

  Result result;
  // Facets and the total in one statement over the matching set; each document has one
  // category, so the category counts add up to the total.
  const auto facets = db_.execute(
      "WITH m AS (SELECT d.category_slug, d.category_name, d.brand, " + bucketExpression() +
          " AS bucket FROM " + match.from + where +
          ") "
          "SELECT 'c' AS kind, category_slug AS value, MAX(category_name) AS label, "
          "COUNT(*) AS n FROM m GROUP BY category_slug "
          "UNION ALL SELECT 'b', brand, MAX(brand), COUNT(*) FROM m GROUP BY brand "
          "UNION ALL SELECT 'p', CAST(bucket AS TEXT), '', COUNT(*) FROM m GROUP BY bucket",
      params);
  const auto& bounds = priceBucketBounds();
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    result.prices.push_back(
        {bounds[i], i + 1 < bounds.size() ? std::optional<std::int64_t>(bounds[i + 1] - 1)
                                          : std::nullopt,
         0});
  }
  for (const auto& r : facets.rows) {
    const auto kind = r.get<std::string>("kind");
    const auto n = r.get<std::int64_t>("n");
    if (kind == "c") {
      result.total += n;
      result.categories.push_back({r.get<std::string>("value"), r.get<std::string>("label"), n});
    } else if (kind == "b") {
      result.brands.push_back({r.get<std::string>("value"), r.get<std::string>("label"), n});
    } else {
      const auto i = static_cast<std::size_t>(std::stoll(r.get<std::string>("value")));
      if (i < result.prices.size()) result.prices[i].count = n;
    }
  }
  auto byCount = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  std::sort(result.categories.begin(), result.categories.end(), byCount);
  std::sort(result.brands.begin(), result.brands.end(), byCount);
  if (result.brands.size() > 30) result.brands.resize(30);
  if (result.total == 0 || q.offset >= result.total) return result;

  std::string order;
  switch (q.sort) {
    case Sort::kRelevance: order = match.score + ", d.popularity DESC, d.id"; break;
    case Sort::kNewest: order = "d.id DESC"; break;
    case Sort::kPriceAsc: order = "d.price, d.id"; break;
    case Sort::kPriceDesc: order = "d.price DESC, d.id DESC"; break;
    case Sort::kPopular: order = "d.popularity DESC, d.id DESC"; break;
    case Sort::kName: order = "d.name, d.id"; break;
  }
  const auto limit = next(params, std::int64_t{q.limit});
  const auto offset = next(params, std::int64_t{q.offset});
  const auto rows = db_.execute("SELECT d.doc FROM " + match.from + where + " ORDER BY " + order +
                                    " LIMIT " + limit + " OFFSET " + offset,
                                params);
  for (const auto& r : rows.rows) {
    auto doc = Json::parse(r.get<std::string>("doc"), nullptr, false);
    if (!doc.is_discarded()) result.items.push_back(std::move(doc));
  }
  return result;
}

}  // namespace um::search

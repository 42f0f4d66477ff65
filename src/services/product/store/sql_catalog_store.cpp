#include "services/product/store/sql_catalog_store.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "adapters/bus/consumer.hpp"
#include "adapters/bus/outbox.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/product/domain/cursor.hpp"

namespace um::product {

namespace {

constexpr const char* kProductSelect =
    "SELECT p.id, p.slug, p.name, p.description, p.brand, p.category_id, "
    "c.slug AS category_slug, c.name AS category_name, p.price, p.compare_at_price, "
    "p.currency, p.images, p.attributes, p.status, p.popularity, p.rating, p.revision, "
    "p.created_at, p.updated_at "
    "FROM products p JOIN categories c ON c.id = p.category_id ";

constexpr std::size_t kProductsPerInsert = 50;   // 17 columns: well under both param limits
constexpr std::size_t kVariantsPerInsert = 200;  // 9 columns

std::string placeholders(std::size_t first, std::size_t count) {
  std::string out = "(";
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + i);
  }
  return out + ")";
}

TimePoint parseTime(const std::string& text) {
  auto t = parseRfc3339(text);
  return t ? *t : TimePoint{};
}

Json parseJson(const std::string& text, Json fallback) {
  auto j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

Product productFromRow(const sql::Row& r) {
  Product p;
  p.id = r.get<std::string>("id");
  p.slug = r.get<std::string>("slug");
  p.name = r.get<std::string>("name");
  p.description = r.get<std::string>("description");
  p.brand = r.get<std::string>("brand");
  p.category = {r.get<std::string>("category_id"), r.get<std::string>("category_slug"),
                r.get<std::string>("category_name")};
  p.price = r.get<std::int64_t>("price");
  p.compareAtPrice = r.get<std::optional<std::int64_t>>("compare_at_price");
  p.currency = r.get<std::string>("currency");
  for (const auto& i : parseJson(r.get<std::string>("images"), Json::array())) {
    if (i.is_string()) p.images.push_back(i.get<std::string>());
  }
  p.attributes = parseJson(r.get<std::string>("attributes"), Json::object());
  p.status = parseStatus(r.get<std::string>("status")).value_or(Status::kDraft);
  p.popularity = r.get<std::int64_t>("popularity");
  if (auto rating = r.get<std::optional<std::string>>("rating")) p.rating = std::stod(*rating);
  p.revision = r.get<std::int64_t>("revision");
  p.createdAt = parseTime(r.get<std::string>("created_at"));
  p.updatedAt = parseTime(r.get<std::string>("updated_at"));
  return p;
}

Variant variantFromRow(const sql::Row& r) {
  Variant v;
  v.id = r.get<std::string>("id");
  v.sku = r.get<std::string>("sku");
  v.name = r.get<std::string>("name");
  v.price = r.get<std::int64_t>("price");
  v.attributes = parseJson(r.get<std::string>("attributes"), Json::object());
  v.stock = r.get<std::int64_t>("stock");
  v.reserved = r.get<std::int64_t>("reserved");
  v.position = r.get<int>("position");
  return v;
}

// A LIKE pattern for "contains `text`", lower-cased (compared with LOWER(column), which
// both engines fold alike for ASCII), with LIKE's own wildcards escaped by a backslash.
std::string containsPattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out + "%";
}

// The variants of the products whose ids `productIds` (a parenthesised list or subquery)
// names, in their order.
std::string variantsOfProducts(const std::string& productIds) {
  return "SELECT id, product_id, sku, name, price, attributes, stock, reserved, position "
         "FROM variants WHERE product_id IN " + productIds + " ORDER BY product_id, position";
}

sql::Statement variantsOf(const sql::Params& productIds) {
  return {variantsOfProducts(placeholders(1, productIds.size())), productIds};
}

void attachVariantRows(std::vector<Product>& products, const sql::Result& rows) {
  std::map<std::string, Product*> byId;
  for (auto& p : products) byId[p.id] = &p;
  for (const auto& r : rows.rows) {
    auto it = byId.find(r.get<std::string>("product_id"));
    if (it != byId.end()) it->second->variants.push_back(variantFromRow(r));
  }
}

// Attaches variants to products with one query. Works on a Database or a Transaction.
template <typename Exec>
void attachVariants(Exec& exec, std::vector<Product>& products) {
  if (products.empty()) return;
  sql::Params params;
  for (const auto& p : products) params.emplace_back(p.id);
  const auto statement = variantsOf(params);
  attachVariantRows(products, exec.execute(statement.sql, statement.params));
}

template <typename Exec>
std::optional<Product> loadProduct(Exec& exec, const std::string& idOrSlug) {
  const sql::Result rows = exec.execute(std::string(kProductSelect) + "WHERE p.id = $1 OR p.slug = $2",
                           {idOrSlug, idOrSlug});
  if (rows.empty()) return std::nullopt;
  // An id never looks like a slug we generate, but prefer the id match if both exist.
  const sql::Row* row = &rows.rows.front();
  for (const auto& r : rows.rows) {
    if (r.get<std::string>("id") == idOrSlug) row = &r;
  }
  std::vector<Product> one{productFromRow(*row)};
  attachVariants(exec, one);
  return std::move(one.front());
}

// Products (with their variants) selected by `query`, variants fetched a chunk at a time
// to stay under the engines' limits on parameters.
template <typename Exec>
std::vector<Product> loadProducts(Exec& exec, const std::string& query, const sql::Params& params) {
  constexpr std::size_t kChunk = 500;
  std::vector<Product> products;
  for (const auto& r : exec.execute(query, params).rows) products.push_back(productFromRow(r));
  for (std::size_t start = 0; start < products.size(); start += kChunk) {
    std::vector<Product> chunk(std::make_move_iterator(products.begin() + start),
                               std::make_move_iterator(products.begin() +
                                                       std::min(products.size(), start + kChunk)));
    attachVariants(exec, chunk);
    std::move(chunk.begin(), chunk.end(), products.begin() + start);
  }
  return products;
}

Category categoryFromRow(const sql::Row& r) {
  Category c;
  c.id = r.get<std::string>("id");
  c.slug = r.get<std::string>("slug");
  c.name = r.get<std::string>("name");
  c.parentId = r.get<std::optional<std::string>>("parent_id");
  c.path = r.get<std::string>("path");
  c.position = r.get<int>("position");
  return c;
}

// The slugs from the root down to the category, from its materialised path of ids.
std::vector<std::string> ancestorSlugs(const std::string& path,
                                       const std::map<std::string, std::string>& slugs) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    if (end == std::string::npos) break;
    auto it = slugs.find(path.substr(start, end - start));
    if (it != slugs.end()) out.push_back(it->second);
    start = end + 1;
  }
  return out;
}

struct CategoryIndex {
  std::map<std::string, std::string> slugById;
  std::map<std::string, std::string> pathById;
};

constexpr const char* kCategoryIndexSelect = "SELECT id, slug, path FROM categories";

CategoryIndex categoryIndexFrom(const sql::Result& rows) {
  CategoryIndex index;
  for (const sql::Row& r : rows.rows) {
    index.slugById[r.get<std::string>("id")] = r.get<std::string>("slug");
    index.pathById[r.get<std::string>("id")] = r.get<std::string>("path");
  }
  return index;
}

template <typename Exec>
CategoryIndex loadCategoryIndex(Exec& exec) {
  return categoryIndexFrom(exec.execute(kCategoryIndexSelect));
}

// What an event about some products needs, read in one round trip (it runs inside every
// reservation, while its stock rows are locked): the categories, the products and their
// variants. `productIds` is a parenthesised list or subquery over `params`.
std::vector<sql::Statement> eventReads(const std::string& productIds, const sql::Params& params) {
  return {{kCategoryIndexSelect, {}},
          {std::string(kProductSelect) + "WHERE p.id IN " + productIds + " ORDER BY p.id", params},
          {variantsOfProducts(productIds), params}};
}

// Thrown inside a reservation's transaction to roll it back; caught right outside.
struct ReserveAborted {
  ReserveFailure failure;
};

}  // namespace

SqlCatalogStore::SqlCatalogStore(sql::Database& db, ImageUrls images)
    : db_(db), images_(std::move(images)) {}

Json SqlCatalogStore::eventPayload(const Product& product,
                                   const std::vector<std::string>& categoryPath,
                                   const ImageUrls& images) {
  return {{"product", productJson(product, images)},
          {"revision", product.revision},
          {"popularity", product.popularity},
          {"categoryPath", categoryPath}};
}

void SqlCatalogStore::appendEvents(sql::Transaction& tx, const std::vector<std::string>& ids,
                                   const std::string& type) {
  if (ids.empty()) return;
  const sql::Params params(ids.begin(), ids.end());
  appendEventsFrom(tx, tx.executeAll(eventReads(placeholders(1, params.size()), params)), 0, type);
}

void SqlCatalogStore::appendEventsFrom(sql::Transaction& tx,
                                       const std::vector<sql::Result>& results, std::size_t first,
                                       const std::string& type) {
  const auto categories = categoryIndexFrom(results.at(first));
  std::vector<Product> products;
  for (const auto& r : results.at(first + 1).rows) products.push_back(productFromRow(r));
  attachVariantRows(products, results.at(first + 2));
  for (const auto& p : products) {
    auto path = categories.pathById.count(p.category.id) ? categories.pathById.at(p.category.id)
                                                         : std::string();
    bus::Outbox::append(tx, type, p.id,
                        eventPayload(p, ancestorSlugs(path, categories.slugById), images_));
  }
}

void SqlCatalogStore::appendEventsFor(sql::Transaction& tx, const std::vector<Product>& products,
                                      const std::string& type) {
  if (products.empty()) return;
  // One product alone goes through Outbox::append; many (the seed, a category rename) are
  // written many rows per statement, because one round trip per event is most of the time
  // of 10,000 products on PostgreSQL.
  const auto categories = loadCategoryIndex(tx);
  auto payloadOf = [&](const Product& p) {
    auto it = categories.pathById.find(p.category.id);
    const auto path = it == categories.pathById.end() ? std::string() : it->second;
    return eventPayload(p, ancestorSlugs(path, categories.slugById), images_);
  };
  if (products.size() == 1) {
    bus::Outbox::append(tx, type, products.front().id, payloadOf(products.front()));
    return;
  }
  const auto occurredAt = formatRfc3339(systemClock().now());
  for (std::size_t start = 0; start < products.size(); start += kProductsPerInsert) {
    const auto end = std::min(products.size(), start + kProductsPerInsert);
    std::string sqlText = "INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at) VALUES ";
    sql::Params params;
    for (auto i = start; i < end; ++i) {
      if (i > start) sqlText += ", ";
      sqlText += placeholders(params.size() + 1, 5);
      params.insert(params.end(),
                    {newId(), type, products[i].id, payloadOf(products[i]).dump(), occurredAt});
    }
    tx.execute(sqlText, params);
  }
}

// ---- categories ----

std::vector<Category> SqlCatalogStore::listCategories() {
  auto rows = db_.execute(
      "SELECT id, slug, name, parent_id, path, position FROM categories "
      "ORDER BY position, name, id");
  std::vector<Category> out;
  for (const auto& r : rows.rows) out.push_back(categoryFromRow(r));
  // Counts per leaf in one grouped query, then rolled up the tree in memory: a category
  // counts the products of all its descendants, as its filter does.
  auto counts = db_.execute(
      "SELECT category_id, COUNT(*) AS n FROM products WHERE status = 'active' "
      "GROUP BY category_id");
  std::map<std::string, std::string> pathById;
  for (const auto& c : out) pathById[c.id] = c.path;
  for (const auto& r : counts.rows) {
    auto it = pathById.find(r.get<std::string>("category_id"));
    if (it == pathById.end()) continue;
    const auto n = r.get<std::int64_t>("n");
    for (auto& c : out) {
      if (it->second.starts_with(c.path)) c.productCount += n;
    }
  }
  return out;
}

std::optional<Category> SqlCatalogStore::findCategory(const std::string& idOrSlug) {
  auto rows = db_.execute(
      "SELECT id, slug, name, parent_id, path, position FROM categories "
      "WHERE id = $1 OR slug = $2",
      {idOrSlug, idOrSlug});
  if (rows.empty()) return std::nullopt;
  return categoryFromRow(rows.rows.front());
}

void SqlCatalogStore::insertCategory(const Category& c) {
  db_.execute(
      "INSERT INTO categories (id, slug, name, parent_id, path, position, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {c.id, c.slug, c.name, c.parentId ? sql::Value(*c.parentId) : sql::Value(nullptr), c.path,
       std::int64_t{c.position}, formatRfc3339(systemClock().now())});
}

void SqlCatalogStore::updateCategory(const Category& c) {
  db_.transaction([&](sql::Transaction& tx) {
    auto old = tx.execute("SELECT path, slug, name FROM categories WHERE id = $1", {c.id});
    if (old.empty()) return;
    const auto oldPath = old.one().get<std::string>("path");
    tx.execute(
        "UPDATE categories SET slug = $1, name = $2, parent_id = $3, path = $4, position = $5 "
        "WHERE id = $6",
        {c.slug, c.name, c.parentId ? sql::Value(*c.parentId) : sql::Value(nullptr), c.path,
         std::int64_t{c.position}, c.id});
    if (oldPath != c.path) {
      tx.execute(
          "UPDATE categories SET path = CAST($1 AS TEXT) || substr(path, $2) "
          "WHERE path LIKE $3 AND id <> $4",
          {c.path, static_cast<std::int64_t>(oldPath.size() + 1), oldPath + "%", c.id});
    }
    const auto& before = old.one();
    const bool productsSeeIt = oldPath != c.path || before.get<std::string>("slug") != c.slug ||
                               before.get<std::string>("name") != c.name;
    if (!productsSeeIt) return;
    // Every product here and below carries this category in its events (its own category,
    // or the ancestry in categoryPath): consumers such as search learn of the change only
    // through a new revision of each product.
    const std::string inSubtree =
        "category_id IN (SELECT id FROM categories WHERE path LIKE $1)";
    tx.execute("UPDATE products SET revision = revision + 1 WHERE " + inSubtree, {c.path + "%"});
    auto products = loadProducts(
        tx, std::string(kProductSelect) + "WHERE p." + inSubtree + " ORDER BY p.id", {c.path + "%"});
    appendEventsFor(tx, products, "product.updated");
  });
}

bool SqlCatalogStore::categoryInUse(const std::string& id) {
  return !db_.execute(
                 "SELECT 1 FROM categories WHERE parent_id = $1 UNION ALL "
                 "SELECT 1 FROM products WHERE category_id = $2",
                 {id, id})
              .empty();
}

void SqlCatalogStore::deleteCategory(const std::string& id) {
  db_.execute("DELETE FROM categories WHERE id = $1", {id});
}

// ---- products ----

std::optional<Product> SqlCatalogStore::findProduct(const std::string& idOrSlug) {
  return loadProduct(db_, idOrSlug);
}

std::int64_t SqlCatalogStore::countProducts() {
  return db_.execute("SELECT COUNT(*) AS n FROM products").one().get<std::int64_t>("n");
}

bool SqlCatalogStore::slugTaken(const std::string& slug, const std::string& exceptId) {
  return !db_.execute("SELECT 1 FROM products WHERE slug = $1 AND id <> $2", {slug, exceptId})
              .empty();
}

std::vector<std::string> SqlCatalogStore::takenSkus(const std::vector<std::string>& skus,
                                                    const std::string& exceptProductId) {
  if (skus.empty()) return {};
  sql::Params params{exceptProductId};
  for (const auto& s : skus) params.emplace_back(s);
  auto rows = db_.execute("SELECT sku FROM variants WHERE product_id <> $1 AND sku IN " +
                              placeholders(2, skus.size()),
                          params);
  std::vector<std::string> out;
  for (const auto& r : rows.rows) out.push_back(r.get<std::string>("sku"));
  return out;
}

void SqlCatalogStore::insertProducts(const std::vector<Product>& products) {
  if (products.empty()) return;
  db_.transaction([&](sql::Transaction& tx) {
    for (std::size_t start = 0; start < products.size(); start += kProductsPerInsert) {
      const auto end = std::min(products.size(), start + kProductsPerInsert);
      std::string sqlText =
          "INSERT INTO products (id, slug, name, description, brand, category_id, price, "
          "compare_at_price, currency, images, attributes, status, popularity, rating, "
          "revision, created_at, updated_at) VALUES ";
      sql::Params params;
      for (auto i = start; i < end; ++i) {
        const auto& p = products[i];
        if (i > start) sqlText += ", ";
        sqlText += placeholders(params.size() + 1, 17);
        params.insert(params.end(),
                      {p.id, p.slug, p.name, p.description, p.brand, p.category.id, p.price,
                       p.compareAtPrice ? sql::Value(*p.compareAtPrice) : sql::Value(nullptr),
                       p.currency, Json(p.images).dump(), p.attributes.dump(),
                       toString(p.status), p.popularity,
                       p.rating ? sql::Value(*p.rating) : sql::Value(nullptr), p.revision,
                       formatRfc3339(p.createdAt), formatRfc3339(p.updatedAt)});
      }
      tx.execute(sqlText, params);
    }
    std::vector<std::pair<const Product*, const Variant*>> variants;
    for (const auto& p : products) {
      for (const auto& v : p.variants) variants.emplace_back(&p, &v);
    }
    for (std::size_t start = 0; start < variants.size(); start += kVariantsPerInsert) {
      const auto end = std::min(variants.size(), start + kVariantsPerInsert);
      std::string sqlText =
          "INSERT INTO variants (id, product_id, sku, name, price, attributes, stock, reserved, "
          "position) VALUES ";
      sql::Params params;
      for (auto i = start; i < end; ++i) {
        const auto& [p, v] = variants[i];
        if (i > start) sqlText += ", ";
        sqlText += placeholders(params.size() + 1, 9);
        params.insert(params.end(), {v->id, p->id, v->sku, v->name, v->price,
                                     v->attributes.dump(), v->stock, v->reserved,
                                     std::int64_t{v->position}});
      }
      tx.execute(sqlText, params);
    }
    // The products are built in memory already: render the events from them rather than
    // re-reading every row.
    appendEventsFor(tx, products, "product.created");
  });
}

Product SqlCatalogStore::updateProduct(const Product& p, const std::string& eventType) {
  return db_.transaction([&](sql::Transaction& tx) {
    auto updated = tx.execute(
        "UPDATE products SET slug = $1, name = $2, description = $3, brand = $4, "
        "category_id = $5, price = $6, compare_at_price = $7, images = $8, attributes = $9, "
        "status = $10, updated_at = $11, revision = revision + 1 WHERE id = $12",
        {p.slug, p.name, p.description, p.brand, p.category.id, p.price,
         p.compareAtPrice ? sql::Value(*p.compareAtPrice) : sql::Value(nullptr),
         Json(p.images).dump(), p.attributes.dump(), toString(p.status),
         formatRfc3339(p.updatedAt), p.id});
    if (updated.affectedRows == 0) throw Error::notFound("product");
    std::set<std::string> existing;
    for (const auto& r :
         tx.execute("SELECT id FROM variants WHERE product_id = $1", {p.id}).rows) {
      existing.insert(r.get<std::string>("id"));
    }
    for (const auto& v : p.variants) {
      if (existing.contains(v.id)) {
        tx.execute(
            "UPDATE variants SET sku = $1, name = $2, price = $3, attributes = $4, "
            "position = $5 WHERE id = $6",
            {v.sku, v.name, v.price, v.attributes.dump(), std::int64_t{v.position}, v.id});
      } else {
        tx.execute(
            "INSERT INTO variants (id, product_id, sku, name, price, attributes, stock, "
            "reserved, position) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
            {v.id, p.id, v.sku, v.name, v.price, v.attributes.dump(), v.stock,
             std::int64_t{v.position}});
      }
    }
    appendEvents(tx, {p.id}, eventType);
    auto stored = loadProduct(tx, p.id);
    return std::move(*stored);
  });
}

std::optional<Page> SqlCatalogStore::listProducts(const ListQuery& q,
                                                  const std::optional<Cursor>& after,
                                                  const std::optional<Category>& category) {
  std::string where = "WHERE 1 = 1";
  sql::Params params;
  auto next = [&params](sql::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (q.status) where += " AND p.status = " + next(toString(*q.status));
  if (q.text) {
    const auto pattern = containsPattern(*q.text);
    where += " AND (LOWER(p.name) LIKE " + next(pattern) + " ESCAPE '\\' OR LOWER(p.slug) LIKE " +
             next(pattern) + " ESCAPE '\\' OR LOWER(p.brand) LIKE " + next(pattern) +
             " ESCAPE '\\' OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND "
             "LOWER(v.sku) LIKE " +
             next(pattern) + " ESCAPE '\\'))";
  }
  if (category) {
    where += " AND p.category_id IN (SELECT id FROM categories WHERE path LIKE " +
             next(category->path + "%") + ")";
  }
  if (q.minPrice) where += " AND p.price >= " + next(*q.minPrice);
  if (q.maxPrice) where += " AND p.price <= " + next(*q.maxPrice);
  if (q.inStock) {
    where += std::string(*q.inStock ? " AND " : " AND NOT ") +
             "EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND "
             "v.stock > v.reserved)";
  }
  const auto filterParams = params;
  const auto filterWhere = where;

  std::string order;
  if (after) {
    switch (q.sort) {
      case Sort::kNewest:
        where += " AND p.id < " + next(after->id);
        break;
      case Sort::kPriceAsc: {
        const auto a = next(*after->number), b = next(*after->number), c = next(after->id);
        where += " AND (p.price > " + a + " OR (p.price = " + b + " AND p.id > " + c + "))";
        break;
      }
      case Sort::kPriceDesc: {
        const auto a = next(*after->number), b = next(*after->number), c = next(after->id);
        where += " AND (p.price < " + a + " OR (p.price = " + b + " AND p.id < " + c + "))";
        break;
      }
      case Sort::kPopular: {
        const auto a = next(*after->number), b = next(*after->number), c = next(after->id);
        where += " AND (p.popularity < " + a + " OR (p.popularity = " + b + " AND p.id < " +
                 c + "))";
        break;
      }
      case Sort::kName: {
        const auto a = next(*after->text), b = next(*after->text), c = next(after->id);
        where += " AND (p.name > " + a + " OR (p.name = " + b + " AND p.id > " + c + "))";
        break;
      }
    }
  }
  switch (q.sort) {
    case Sort::kNewest: order = "p.id DESC"; break;
    case Sort::kPriceAsc: order = "p.price, p.id"; break;
    case Sort::kPriceDesc: order = "p.price DESC, p.id DESC"; break;
    case Sort::kPopular: order = "p.popularity DESC, p.id DESC"; break;
    case Sort::kName: order = "p.name, p.id"; break;
  }
  const auto limitParam = next(std::int64_t{q.limit + 1});

  Page page;
  auto rows = db_.execute(std::string(kProductSelect) + where + " ORDER BY " + order +
                              " LIMIT " + limitParam,
                          params);
  for (const auto& r : rows.rows) page.items.push_back(productFromRow(r));
  if (static_cast<int>(page.items.size()) > q.limit) {
    page.items.pop_back();
    page.nextCursor = encodeCursor(cursorAfter(page.items.back(), q.sort));
  }
  attachVariants(db_, page.items);
  page.total = db_.execute("SELECT COUNT(*) AS n FROM products p " + filterWhere, filterParams)
                   .one()
                   .get<std::int64_t>("n");
  return page;
}

// ---- popularity ----

bool SqlCatalogStore::addPopularity(const std::string& eventId, const UnitsByProduct& units) {
  return db_.transaction([&](sql::Transaction& tx) {
    if (!bus::markProcessed(tx, kPopularityConsumer, eventId)) return false;
    std::vector<std::string> changed;
    for (const auto& [productId, delta] : units) {
      const auto updated = tx.execute(
          "UPDATE products SET popularity = CASE WHEN popularity + $1 < 0 THEN 0 "
          "ELSE popularity + $2 END, revision = revision + 1 WHERE id = $3",
          {delta, delta, productId});
      if (updated.affectedRows > 0) changed.push_back(productId);
    }
    appendEvents(tx, changed, "product.updated");
    return true;
  });
}

// ---- stock ----

CatalogStore::StockChange SqlCatalogStore::setStock(const std::string& variantId,
                                                    std::int64_t stock) {
  using Outcome = StockChange::Outcome;
  return db_.transaction([&](sql::Transaction& tx) -> StockChange {
    auto updated = tx.execute("UPDATE variants SET stock = $1 WHERE id = $2 AND reserved <= $3",
                              {stock, variantId, stock});
    if (updated.affectedRows == 0) {
      auto exists = tx.execute("SELECT 1 FROM variants WHERE id = $1", {variantId});
      return {exists.empty() ? Outcome::kUnknownVariant : Outcome::kBelowReserved, {}};
    }
    const auto productId =
        tx.execute("SELECT product_id FROM variants WHERE id = $1", {variantId})
            .one()
            .get<std::string>("product_id");
    tx.execute("UPDATE products SET revision = revision + 1 WHERE id = $1", {productId});
    appendEvents(tx, {productId}, "inventory.changed");
    return {Outcome::kDone, loadProduct(tx, productId)};
  });
}

std::optional<ReserveFailure> SqlCatalogStore::reserve(const Reservation& r) {
  // One round trip and the COMMIT, however many lines: the holds, the reservation's rows,
  // the revision bump and the marks for the stock event go at once (products named through
  // their variants, whose ids are known up front). A line without the stock rolls the whole
  // transaction back, what was sent after it included. The event itself is written by
  // publishStockChanges(), once for any number of reservations of a product: re-reading the
  // product and writing its whole event here cost every checkout about a tenth of its time.
  sql::Params variantIds;
  for (const auto& line : r.lines) variantIds.emplace_back(line.variantId);
  const std::string products =
      "(SELECT product_id FROM variants WHERE id IN " + placeholders(1, variantIds.size()) + ")";
  const auto now = formatRfc3339(systemClock().now());
  std::vector<sql::Statement> batch;
  for (const auto& line : r.lines) {
    // The check and the hold in one statement: two buyers can never both see the last unit
    // as available.
    batch.push_back(
        {"UPDATE variants SET reserved = reserved + $1 WHERE id = $2 AND stock - reserved >= $3",
         {line.quantity, line.variantId, line.quantity}});
  }
  batch.push_back(
      {"INSERT INTO reservations (id, status, reference, expires_at, created_at, updated_at) "
       "VALUES ($1, 'active', $2, $3, $4, $5)",
       {r.id, r.reference, formatRfc3339(r.expiresAt), now, now}});
  for (const auto& line : r.lines) {
    // Only for a variant that exists: an unknown one is answered as such below, not as a
    // foreign-key failure of this statement.
    batch.push_back({"INSERT INTO reservation_items (reservation_id, variant_id, quantity) "
                     "SELECT $1, id, CAST($3 AS BIGINT) FROM variants WHERE id = $2",
                     {r.id, line.variantId, line.quantity}});
  }
  batch.push_back({"UPDATE products SET revision = revision + 1 WHERE id IN " + products, variantIds});
  // In product id order, as publishStockChanges() removes marks: the two never wait for
  // each other crosswise.
  batch.push_back({"INSERT INTO stock_changes (product_id, revision) SELECT id, revision "
                   "FROM products WHERE id IN " + products +
                   " ORDER BY id ON CONFLICT (product_id) DO UPDATE SET revision = excluded.revision",
                   variantIds});
  try {
    db_.transaction([&](sql::Transaction& tx) {
      const auto results = tx.executeAll(batch);
      for (std::size_t i = 0; i < r.lines.size(); ++i) {
        if (results[i].affectedRows == 1) continue;
        const auto& variantId = r.lines[i].variantId;
        auto exists = tx.execute("SELECT 1 FROM variants WHERE id = $1", {variantId});
        throw ReserveAborted{{variantId, exists.empty()}};
      }
    });
  } catch (const ReserveAborted& aborted) {
    return aborted.failure;
  }
  return std::nullopt;
}

namespace {

// What a transition that did not apply found: the reservation unknown, moved there already,
// or in a state it cannot leave that way.
template <typename Exec>
CatalogStore::Transition notMoved(Exec& exec, const std::string& id, const std::string& target) {
  using T = CatalogStore::Transition;
  const sql::Result current = exec.execute("SELECT status FROM reservations WHERE id = $1", {id});
  if (current.empty()) return T::kUnknown;
  const auto status = current.one().get<std::string>("status");
  // Restocked was committed first: a late commit (owed work retried) finds it done, and
  // must neither sell the units again nor read as "released" (which re-reserves).
  if (status == target || (target == "committed" && status == "restocked")) return T::kAlready;
  return T::kWrongState;
}

// `stockChange` (a SET clause over variants and the line `i`) applied to every variant of
// reservation $1, all lines in one statement, in variant id order like reserve() takes
// them: a reservation's few rows are joined in that order (a nested loop), so two
// overlapping changes lock the shared rows in the same order. Should a plan ever differ,
// PostgreSQL detects the deadlock and the transaction runs again. `lineCondition` narrows
// the lines further.
std::string reservationStockUpdate(const std::string& stockChange,
                                   const std::string& lineCondition = "") {
  return "UPDATE variants SET " + stockChange +
         " FROM (SELECT variant_id, quantity FROM reservation_items "
         "WHERE reservation_id = $1" + lineCondition + " ORDER BY variant_id) i "
         "WHERE variants.id = i.variant_id";
}

// Moves a reservation from `from` to `target` and applies `stockChange` to its variants,
// returning the products touched. The conditional status change makes commit, release,
// restock and the sweeper safe against each other: exactly one of them wins, and a repeat
// finds the reservation moved already.
CatalogStore::Transition finishReservation(sql::Transaction& tx, const std::string& id,
                                           const std::string& target, TimePoint now,
                                           const std::string& stockChange,
                                           std::vector<std::string>& touchedProducts,
                                           const std::string& from) {
  auto moved = tx.execute(
      "UPDATE reservations SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
      {target, formatRfc3339(now), id, from});
  if (moved.affectedRows == 0) return notMoved(tx, id, target);
  std::set<std::string> products;
  for (const auto& row :
       tx.execute(reservationStockUpdate(stockChange) + " RETURNING product_id", {id}).rows) {
    products.insert(row.get<std::string>("product_id"));
  }
  touchedProducts.assign(products.begin(), products.end());
  return CatalogStore::Transition::kDone;
}

}  // namespace

CatalogStore::Transition SqlCatalogStore::commitReservation(const std::string& id,
                                                            TimePoint now) {
  // Committing turns held units into sold ones: available (stock - reserved) is unchanged,
  // so there is nothing for consumers to hear. Every checkout commits one, so it is one
  // round trip: the move marks the reservation with a token of its own, and the stock
  // changes only where the reservation carries it; a move that does not apply commits
  // nothing, and what it found is read afterwards.
  const std::string token = newId();
  const auto moved = db_.transaction([&](sql::Transaction& tx) {
    return tx
        .commitWith(
            {{"UPDATE reservations SET status = 'committed', updated_at = $1, change_token = $2 "
              "WHERE id = $3 AND status = 'active'",
              {formatRfc3339(now), token, id}},
             {reservationStockUpdate(
                  "stock = stock - i.quantity, reserved = reserved - i.quantity",
                  " AND EXISTS (SELECT 1 FROM reservations WHERE id = $1 AND change_token = $2)"),
              {id, token}}})
        .front()
        .affectedRows;
  });
  if (moved == 1) return Transition::kDone;
  return notMoved(db_, id, "committed");
}

// A move that changes what is available (release, restock): the products touched get a new
// revision and their inventory.changed in the same transaction.
CatalogStore::Transition SqlCatalogStore::moveAndAnnounce(const std::string& id,
                                                          const std::string& target, TimePoint now,
                                                          const std::string& stockChange,
                                                          const std::string& from) {
  return db_.transaction([&](sql::Transaction& tx) {
    std::vector<std::string> products;
    auto t = finishReservation(tx, id, target, now, stockChange, products, from);
    for (const auto& p : products) {
      tx.enqueue("UPDATE products SET revision = revision + 1 WHERE id = $1", {p});
    }
    appendEvents(tx, products, "inventory.changed");
    return t;
  });
}

CatalogStore::Transition SqlCatalogStore::releaseReservation(const std::string& id,
                                                             TimePoint now) {
  return moveAndAnnounce(id, "released", now, "reserved = reserved - i.quantity", "active");
}

CatalogStore::Transition SqlCatalogStore::restockReservation(const std::string& id,
                                                             TimePoint now) {
  return moveAndAnnounce(id, "restocked", now, "stock = stock + i.quantity", "committed");
}

int SqlCatalogStore::releaseExpired(TimePoint now, int limit) {
  auto rows = db_.execute(
      "SELECT id FROM reservations WHERE status = 'active' AND expires_at < $1 "
      "ORDER BY expires_at LIMIT $2",
      {formatRfc3339(now), std::int64_t{limit}});
  int released = 0;
  for (const auto& r : rows.rows) {
    if (releaseReservation(r.get<std::string>("id"), now) == Transition::kDone) ++released;
  }
  return released;
}

int SqlCatalogStore::publishStockChanges(int limit) {
  return db_.transaction([&](sql::Transaction& tx) {
    const auto marked = tx.execute(
        "SELECT product_id FROM stock_changes ORDER BY product_id LIMIT $1",
        {static_cast<std::int64_t>(limit)});
    if (marked.empty()) return 0;
    sql::Params ids;
    for (const auto& row : marked.rows) ids.emplace_back(row.get<std::string>(0));
    const auto reads = tx.executeAll(eventReads(placeholders(1, ids.size()), ids));
    appendEventsFrom(tx, reads, 0, "inventory.changed");
    // A mark goes only if the event just written carries its revision. A reservation that
    // committed after these reads marked a newer one, which the next pass publishes; one
    // still running holds its mark's row, so this waits for it and then leaves it.
    std::set<std::string> found;
    for (const auto& product : reads[1].rows) {
      found.insert(product.get<std::string>("id"));
      tx.enqueue("DELETE FROM stock_changes WHERE product_id = $1 AND revision <= $2",
                 {product.get<std::string>("id"), product.get<std::int64_t>("revision")});
    }
    for (const auto& id : ids) {
      const auto& productId = std::get<std::string>(id);
      if (!found.contains(productId)) {
        tx.enqueue("DELETE FROM stock_changes WHERE product_id = $1", {productId});  // gone
      }
    }
    return static_cast<int>(marked.rows.size());
  });
}

std::optional<Reservation> SqlCatalogStore::findReservation(const std::string& id) {
  auto rows = db_.execute(
      "SELECT id, status, reference, expires_at FROM reservations WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows.one();
  Reservation r;
  r.id = row.get<std::string>("id");
  const auto status = row.get<std::string>("status");
  r.status = status == "active"      ? ReservationStatus::kActive
             : status == "committed" ? ReservationStatus::kCommitted
                                     : ReservationStatus::kReleased;
  r.reference = row.get<std::string>("reference");
  r.expiresAt = parseTime(row.get<std::string>("expires_at"));
  for (const auto& item : db_.execute(
           "SELECT variant_id, quantity FROM reservation_items WHERE reservation_id = $1 "
           "ORDER BY variant_id",
           {id})
                              .rows) {
    r.lines.push_back({item.get<std::string>("variant_id"), item.get<std::int64_t>("quantity")});
  }
  return r;
}

std::vector<std::pair<Product, Variant>> SqlCatalogStore::findVariants(
    const std::vector<std::string>& variantIds) {
  std::vector<std::pair<Product, Variant>> out;
  if (variantIds.empty()) return out;
  // Checkout prices every cart with this: one round trip, however many lines.
  const sql::Params params(variantIds.begin(), variantIds.end());
  const std::string productIds =
      "(SELECT product_id FROM variants WHERE id IN " + placeholders(1, params.size()) + ")";
  const auto results = db_.executeAll(
      {{std::string(kProductSelect) + "WHERE p.id IN " + productIds, params},
       {variantsOfProducts(productIds), params}});
  std::vector<Product> products;
  for (const auto& r : results[0].rows) products.push_back(productFromRow(r));
  attachVariantRows(products, results[1]);
  for (const auto& id : variantIds) {
    for (const auto& p : products) {
      for (const auto& v : p.variants) {
        if (v.id == id) out.emplace_back(p, v);
      }
    }
  }
  return out;
}

}  // namespace um::product

#include "adapters/docstore/sqlite/sqlite_document_store.hpp"

#include <algorithm>
#include <cctype>

#include "adapters/sql/migrations.hpp"
#include "adapters/sql/sqlite/sqlite_database.hpp"
#include "core/error.hpp"

namespace um::docstore {

namespace {

// Rows per INSERT statement: well under SQLite's 32766 bound parameters, large enough that
// a batch of a few hundred documents is a handful of statements.
constexpr std::size_t kRowsPerInsert = 200;

const std::vector<sql::Migration>& migrations() {
  static const std::vector<sql::Migration> list = {
      {1, "documents",
       "CREATE TABLE documents (\n"
       "  collection TEXT NOT NULL,\n"
       "  id TEXT NOT NULL,\n"
       "  body TEXT NOT NULL,\n"
       "  PRIMARY KEY (collection, id)\n"
       ");\n"},
  };
  return list;
}

bool isName(std::string_view name, bool dotted) {
  if (name.empty() || name.size() > 128) return false;
  bool segmentStart = true;
  for (char c : name) {
    if (c == '.' && dotted) {
      if (segmentStart) return false;
      segmentStart = true;
      continue;
    }
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    segmentStart = false;
  }
  return !segmentStart;
}

// Collection and field names are spliced into SQL (a JSON path cannot be a parameter and
// still match an expression index), so they are held to identifier characters. They come
// from our code, never from a request: a bad one is a bug.
const std::string& checkedCollection(const std::string& name) {
  if (!isName(name, false)) {
    throw Error(ErrorKind::kInternal, "internal", "docstore: bad collection name '" + name + "'");
  }
  return name;
}

std::string path(const std::string& field) {
  if (!isName(field, true)) {
    throw Error(ErrorKind::kInternal, "internal", "docstore: bad field name '" + field + "'");
  }
  return "'$." + field + "'";
}

std::string extract(const std::string& field) {
  return "json_extract(body, " + path(field) + ")";
}

sql::Value toValue(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return static_cast<std::int64_t>(v.get<bool>() ? 1 : 0);  // JSON true reads as 1
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) return v.get<double>();
  if (v.is_null()) return nullptr;
  throw Error(ErrorKind::kInternal, "internal", "docstore: conditions compare scalars only");
}

// Appends "AND ..." for each condition; parameters continue after those in `params`.
std::string whereSql(const std::vector<Condition>& where, sql::Params& params) {
  std::string out;
  auto placeholder = [&](const nlohmann::json& v) {
    params.push_back(toValue(v));
    return "$" + std::to_string(params.size());
  };
  for (const auto& c : where) {
    const std::string e = extract(c.field);
    switch (c.op) {
      case Condition::Op::kEq: out += " AND " + e + " = " + placeholder(c.value); break;
      case Condition::Op::kNe:
        // $ne also matches documents without the field.
        out += " AND (" + e + " IS NULL OR " + e + " <> " + placeholder(c.value) + ")";
        break;
      case Condition::Op::kGte: out += " AND " + e + " >= " + placeholder(c.value); break;
      case Condition::Op::kGt: out += " AND " + e + " > " + placeholder(c.value); break;
      case Condition::Op::kLt: out += " AND " + e + " < " + placeholder(c.value); break;
      case Condition::Op::kLte: out += " AND " + e + " <= " + placeholder(c.value); break;
      case Condition::Op::kIn: {
        if (!c.value.is_array() || c.value.empty()) {
          out += " AND 0";
          break;
        }
        std::string list;
        for (const auto& v : c.value) list += (list.empty() ? "" : ", ") + placeholder(v);
        out += " AND " + e + " IN (" + list + ")";
        break;
      }
      case Condition::Op::kExists:
        out += " AND json_type(body, " + path(c.field) + ") IS NOT NULL";
        break;
    }
  }
  return out;
}

std::string limitSql(const std::optional<std::int64_t>& limit) {
  return limit ? " LIMIT " + std::to_string(std::max<std::int64_t>(*limit, 0)) : "";
}

Document parseBody(const std::string& text) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    throw Error(ErrorKind::kInternal, "internal", "docstore: a stored document does not parse");
  }
  return doc;
}

const std::string& idOf(const Document& d) {
  if (!d.is_object() || !d.contains("_id") || !d["_id"].is_string() ||
      d["_id"].get_ref<const std::string&>().empty()) {
    throw Error(ErrorKind::kInternal, "internal", "docstore: a document needs a string _id");
  }
  return d["_id"].get_ref<const std::string&>();
}

}  // namespace

SqliteDocumentStore::SqliteDocumentStore(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {
  if (db_->dialect() != sql::Dialect::kSqlite) {
    throw Error(ErrorKind::kInternal, "internal", "SqliteDocumentStore needs a SQLite database");
  }
  sql::applyMigrations(*db_, migrations());
}

std::int64_t SqliteDocumentStore::bulkWrite(const std::vector<WriteOp>& operations) {
  for (const auto& op : operations) {
    checkedCollection(op.collection);
    if (op.kind == WriteOp::Kind::kUpsert && op.documents.size() != 1) {
      throw Error(ErrorKind::kInternal, "internal", "docstore: an upsert writes one document");
    }
  }
  // Nothing to write takes no write lock.
  if (std::all_of(operations.begin(), operations.end(),
                  [](const WriteOp& op) { return op.documents.empty(); })) {
    return 0;
  }
  return db_->transaction([&](sql::Transaction& tx) {
    std::int64_t inserted = 0;
    for (const auto& op : operations) {
      if (op.kind == WriteOp::Kind::kUpsert) {
        tx.execute(
            "INSERT INTO documents (collection, id, body) VALUES ($1, $2, $3) "
            "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body",
            {op.collection, idOf(op.documents.front()), op.documents.front().dump()});
        continue;
      }
      const auto& documents = op.documents;
      for (std::size_t start = 0; start < documents.size(); start += kRowsPerInsert) {
        const std::size_t end = std::min(documents.size(), start + kRowsPerInsert);
        std::string text = "INSERT INTO documents (collection, id, body) VALUES ";
        sql::Params params{op.collection};
        for (std::size_t i = start; i < end; ++i) {
          params.push_back(idOf(documents[i]));
          params.push_back(documents[i].dump());
          text += (i == start ? "" : ", ") + std::string("($1, $") +
                  std::to_string(params.size() - 1) + ", $" + std::to_string(params.size()) + ")";
        }
        text += " ON CONFLICT DO NOTHING";
        inserted += tx.execute(text, params).affectedRows;
      }
    }
    return inserted;
  });
}

std::int64_t SqliteDocumentStore::insertMany(const std::string& collection,
                                             const std::vector<Document>& documents) {
  return bulkWrite({WriteOp::insert(collection, documents)});
}

void SqliteDocumentStore::upsert(const std::string& collection, const Document& document) {
  bulkWrite({WriteOp::upsert(collection, document)});
}

std::optional<Document> SqliteDocumentStore::findById(const std::string& collection,
                                                      const std::string& id) {
  const auto r = db_->execute("SELECT body FROM documents WHERE collection = $1 AND id = $2",
                              {checkedCollection(collection), id});
  if (r.empty()) return std::nullopt;
  return parseBody(r.rows.front().get<std::string>(0));
}

std::vector<Document> SqliteDocumentStore::find(const std::string& collection, const Query& query) {
  sql::Params params{checkedCollection(collection)};
  std::string text = "SELECT body FROM documents WHERE collection = $1" + whereSql(query.where, params);
  std::string order;
  for (const auto& s : query.sort) {
    order += (order.empty() ? "" : ", ") + extract(s.field) + (s.descending ? " DESC" : " ASC");
  }
  // The id last, so equal sort keys come back in one stable order.
  text += " ORDER BY " + (order.empty() ? std::string() : order + ", ") + "id";
  text += limitSql(query.limit);
  std::vector<Document> out;
  for (const auto& row : db_->execute(text, params).rows) out.push_back(parseBody(row.get<std::string>(0)));
  return out;
}

std::int64_t SqliteDocumentStore::count(const std::string& collection,
                                        const std::vector<Condition>& where) {
  sql::Params params{checkedCollection(collection)};
  const std::string text =
      "SELECT COUNT(*) FROM documents WHERE collection = $1" + whereSql(where, params);
  return db_->execute(text, params).one().get<std::int64_t>(0);
}

std::vector<Document> SqliteDocumentStore::aggregate(const std::string& collection,
                                                     const Aggregation& a) {
  sql::Params params{checkedCollection(collection)};
  std::vector<std::string> columns;  // output names, in SELECT order after _n
  std::string select = "COUNT(*)";
  std::string group;
  // json_quote turns each value back into JSON text, so numbers, strings and null keep
  // their types on the way out.
  for (std::size_t i = 0; i < a.groupBy.size(); ++i) {
    const std::string alias = "g" + std::to_string(i);
    select += ", json_quote(" + extract(a.groupBy[i]) + ") AS " + alias;
    group += (group.empty() ? "" : ", ") + alias;
    columns.push_back(a.groupBy[i]);
  }
  std::vector<std::pair<std::string, std::string>> aliases;  // output name → SQL alias
  for (std::size_t i = 0; i < a.groupBy.size(); ++i) aliases.emplace_back(a.groupBy[i], "g" + std::to_string(i));
  for (std::size_t i = 0; i < a.accumulators.size(); ++i) {
    const auto& acc = a.accumulators[i];
    const std::string alias = "a" + std::to_string(i);
    std::string expr;
    switch (acc.op) {
      case Accumulator::Op::kCount: expr = "COUNT(*)"; break;
      case Accumulator::Op::kSum: expr = "COALESCE(SUM(" + extract(acc.field) + "), 0)"; break;
      case Accumulator::Op::kMax: expr = "json_quote(MAX(" + extract(acc.field) + "))"; break;
      case Accumulator::Op::kCountDistinct: expr = "COUNT(DISTINCT " + extract(acc.field) + ")"; break;
    }
    select += ", " + expr + " AS " + alias;
    columns.push_back(acc.name);
    aliases.emplace_back(acc.name, alias);
  }
  std::string text = "SELECT " + select + " FROM documents WHERE collection = $1" +
                     whereSql(a.where, params);
  if (!group.empty()) text += " GROUP BY " + group;
  std::string order;
  for (const auto& s : a.sort) {
    auto it = std::find_if(aliases.begin(), aliases.end(), [&](const auto& p) { return p.first == s.field; });
    if (it == aliases.end()) {
      throw Error(ErrorKind::kInternal, "internal", "docstore: cannot sort by '" + s.field + "'");
    }
    order += (order.empty() ? "" : ", ") + it->second + (s.descending ? " DESC" : " ASC");
  }
  if (!group.empty()) order += (order.empty() ? "" : ", ") + group;
  if (!order.empty()) text += " ORDER BY " + order;
  text += limitSql(a.limit);

  std::vector<Document> out;
  for (const auto& row : db_->execute(text, params).rows) {
    if (row.get<std::int64_t>(0) == 0) continue;  // no keys and nothing matched
    Document d = Document::object();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto cell = row.get<std::optional<std::string>>(i + 1);
      d[columns[i]] = cell ? nlohmann::json::parse(*cell, nullptr, false) : nlohmann::json(nullptr);
      if (d[columns[i]].is_discarded()) d[columns[i]] = *cell;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::int64_t SqliteDocumentStore::deleteMany(const std::string& collection,
                                             const std::vector<Condition>& where) {
  sql::Params params{checkedCollection(collection)};
  const std::string text = "DELETE FROM documents WHERE collection = $1" + whereSql(where, params);
  return db_->execute(text, params).affectedRows;
}

void SqliteDocumentStore::ensureIndex(const std::string& collection,
                                      const std::vector<std::string>& fields) {
  checkedCollection(collection);
  std::string name = "ix_" + collection;
  std::string columns = "collection";
  for (const auto& f : fields) {
    columns += ", " + extract(f);
    std::string part = f;
    std::replace(part.begin(), part.end(), '.', '_');
    name += "__" + part;
  }
  db_->execute("CREATE INDEX IF NOT EXISTS " + name + " ON documents (" + columns + ")");
}

void SqliteDocumentStore::ping() {
  db_->ping();
}

std::unique_ptr<DocumentStore> openSqliteDocumentStore(const std::string& dataDir,
                                                       const std::string& name) {
  sql::SqliteOptions options;
  options.dataDir = dataDir;
  options.poolSize = 4;
  return std::make_unique<SqliteDocumentStore>(std::make_unique<sql::SqliteDatabase>(options, name));
}

}  // namespace um::docstore

#pragma once

// The embedded document store: every collection in one SQLite table of JSON text
// (collection, id, body), queried with SQLite's JSON functions. Fields named in
// ensureIndex() get expression indexes on json_extract, which the queries use because they
// spell the expression the same way. Runs on the relational port's SQLite adapter, so it
// shares its WAL mode, write queue and busy handling.

#include <memory>
#include <string>

#include "adapters/docstore/docstore.hpp"
#include "adapters/sql/database.hpp"

namespace um::docstore {

class SqliteDocumentStore final : public DocumentStore {
 public:
  // `db` must be a SQLite database; its migrations are applied here (versioned, in code,
  // like the outbox's: the table belongs to the adapter, not to a service).
  explicit SqliteDocumentStore(std::unique_ptr<sql::Database> db);

  std::int64_t bulkWrite(const std::vector<WriteOp>& operations) override;
  std::int64_t insertMany(const std::string& collection,
                          const std::vector<Document>& documents) override;
  void upsert(const std::string& collection, const Document& document) override;
  std::optional<Document> findById(const std::string& collection, const std::string& id) override;
  std::vector<Document> find(const std::string& collection, const Query& query) override;
  std::int64_t count(const std::string& collection, const std::vector<Condition>& where) override;
  std::vector<Document> aggregate(const std::string& collection,
                                  const Aggregation& aggregation) override;
  std::int64_t deleteMany(const std::string& collection,
                          const std::vector<Condition>& where) override;
  void ensureIndex(const std::string& collection, const std::vector<std::string>& fields) override;
  void ping() override;

 private:
  std::unique_ptr<sql::Database> db_;
};

// <dataDir>/<name>.db, created when missing.
std::unique_ptr<DocumentStore> openSqliteDocumentStore(const std::string& dataDir,
                                                       const std::string& name);

}  // namespace um::docstore

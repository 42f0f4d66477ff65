#pragma once

// One sqlite3 handle: opened with the pragmas the store relies on, used by one thread at a
// time (the pool guarantees it, so SQLite's own mutexes are off), with a small cache of
// prepared statements because services run the same few statements over and over.

#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/sql/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace um::sql {

class SqliteConnection {
 public:
  SqliteConnection(const std::string& path, std::chrono::milliseconds busyTimeout);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one or more `;`-separated statements; the result is the last statement's.
  // Placeholders are $1, $2, ... (PostgreSQL's spelling, which SQLite reads as names).
  Result execute(std::string_view sql, const Params& params);
  // The statements in order and their results (see pooled_transaction.hpp); in process
  // there is no round trip to save, so they simply run one by one.
  std::vector<Result> pipeline(const std::vector<Statement>& statements);

  // Whether `sql` may write, so it must queue for the database's write lock. Multi-statement
  // text counts as writing.
  bool writes(std::string_view sql);

  // Not left inside a transaction (a failed ROLLBACK would leave it so).
  bool reusable() const;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3_stmt* cached(std::string_view sql);
  void remember(std::string_view sql, sqlite3_stmt* stmt);
  Result run(sqlite3_stmt* stmt, const Params& params);
  void bind(sqlite3_stmt* stmt, const Params& params);
  [[noreturn]] void fail(int rc, std::string_view what) const;

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> statements_;
};

}  // namespace um::sql

#pragma once

// The embedded relational store: one SQLite file per service, <dataDir>/<service>.db, in WAL
// mode so readers never wait for the writer. SQLite allows one writer at a time; writers in
// this process queue on a mutex (fair and without polling), writers in other processes on
// SQLite's busy timeout.

#include <chrono>
#include <cstddef>
#include <string>

#include "adapters/sql/connection_pool.hpp"
#include "adapters/sql/database.hpp"
#include "adapters/sql/sqlite/sqlite_connection.hpp"
#include "adapters/sql/sqlite/write_lock.hpp"

namespace um::sql {

struct SqliteOptions {
  std::string dataDir;
  std::size_t poolSize = 8;
  // How long a writer waits for the write lock before the store counts as unavailable.
  std::chrono::milliseconds busyTimeout{10'000};
};

class SqliteDatabase final : public Database {
 public:
  // Creates dataDir and the file if missing. Throws StoreUnavailable if it cannot.
  SqliteDatabase(const SqliteOptions& options, std::string service);

  Result execute(std::string_view sql, const Params& params = {}) override;
  std::vector<Result> executeAll(std::vector<Statement> statements) override;
  void ping() override;
  Dialect dialect() const override { return Dialect::kSqlite; }
  const std::string& scope() const override { return service_; }

  const std::string& path() const { return path_; }

 protected:
  void runInTransaction(const std::function<void(Transaction&)>& work) override;

 private:
  WriteLock::Held lockWriter();

  std::string service_;
  std::string path_;
  std::chrono::milliseconds busyTimeout_;
  WriteLock writer_;
  ConnectionPool<SqliteConnection> pool_;
};

}  // namespace um::sql

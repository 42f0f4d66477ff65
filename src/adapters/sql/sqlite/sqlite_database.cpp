#include "adapters/sql/sqlite/sqlite_database.hpp"

#include <filesystem>
#include <system_error>

#include "adapters/sql/pooled_transaction.hpp"
#include "adapters/sql/retry.hpp"
#include "adapters/sql/scope_name.hpp"

namespace um::sql {

namespace {

// A busy lock has already been waited on for the whole busy timeout, or was refused at
// once to avoid a deadlock (a stale WAL snapshot); a few more tries cover the latter.
constexpr int kMaxAttempts = 4;

std::string databasePath(const std::string& dataDir, const std::string& service) {
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) {
    throw StoreUnavailable("cannot create data directory " + dataDir + ": " + ec.message());
  }
  return (std::filesystem::path(dataDir) / (service + ".db")).string();
}

}  // namespace

SqliteDatabase::SqliteDatabase(const SqliteOptions& options, std::string service)
    : service_(requireScopeName(std::move(service))),
      path_(databasePath(options.dataDir, service_)),
      busyTimeout_(options.busyTimeout),
      pool_([this] { return std::make_unique<SqliteConnection>(path_, busyTimeout_); },
            options.poolSize, options.busyTimeout) {
  // The journal mode is a property of the file, so setting it once is enough; it needs the
  // write lock, hence the queue and the retries like any writer.
  auto conn = pool_.acquire();
  auto lock = lockWriter();
  retryTransient(kMaxAttempts, [&] { return conn->execute("PRAGMA journal_mode = WAL", {}); });
}

WriteLock::Held SqliteDatabase::lockWriter() {
  return writer_.acquire(busyTimeout_, service_);
}

Result SqliteDatabase::execute(std::string_view sql, const Params& params) {
  auto conn = pool_.acquire();
  return retryTransient(kMaxAttempts, [&] {
    if (!conn->writes(sql)) return conn->execute(sql, params);
    auto lock = lockWriter();
    return conn->execute(sql, params);
  });
}

std::vector<Result> SqliteDatabase::executeAll(std::vector<Statement> statements) {
  std::vector<Result> results;
  results.reserve(statements.size());
  for (const auto& s : statements) results.push_back(execute(s.sql, s.params));
  return results;
}

void SqliteDatabase::ping() {
  execute("SELECT 1");
}

// Always the connection first, then the write lock, everywhere: the opposite order would let a
// lock holder wait for a connection held by someone waiting for the lock.
void SqliteDatabase::runInTransaction(const std::function<void(Transaction&)>& work) {
  auto conn = pool_.acquire();
  auto lock = lockWriter();
  retryTransient(kMaxAttempts, [&] {
    conn->execute("BEGIN IMMEDIATE", {});
    finishTransaction(*conn, Dialect::kSqlite, work, std::nullopt);
  });
}

}  // namespace um::sql

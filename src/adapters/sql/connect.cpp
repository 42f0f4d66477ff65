#include "adapters/sql/connect.hpp"

#include <algorithm>

#include "adapters/sql/postgres/postgres_database.hpp"
#include "adapters/sql/sqlite/sqlite_database.hpp"

namespace um::sql {

std::unique_ptr<Database> openServiceDatabase(const StoreOptions& options,
                                              const std::string& service,
                                              Durability durability) {
  const auto poolSize = static_cast<std::size_t>(std::max(1, options.poolSize));
  if (!options.databaseUrl.empty()) {
    PostgresOptions pg;
    pg.url = options.databaseUrl;
    pg.poolSize = poolSize;
    pg.synchronousCommit = durability == Durability::kOnDisk;
    return std::make_unique<PostgresDatabase>(pg, service);
  }
  if (options.dataDir.empty()) {
    throw Error(ErrorKind::kInternal, "invalid_data_dir", "no data directory for the SQLite store");
  }
  SqliteOptions sqlite;
  sqlite.dataDir = options.dataDir;
  sqlite.poolSize = poolSize;
  return std::make_unique<SqliteDatabase>(sqlite, service);
}

}  // namespace um::sql

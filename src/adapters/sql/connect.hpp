#pragma once

// Chooses the relational adapter from configuration: DATABASE_URL set → PostgreSQL (one
// schema per service, pooled connections), unset → SQLite files under the data directory.

#include <memory>
#include <string>

#include "adapters/sql/database.hpp"

namespace um::sql {

struct StoreOptions {
  std::string databaseUrl;  // empty → embedded SQLite
  std::string dataDir;      // where SQLite files live
  int poolSize = 8;         // connections per service at most
};

// How far a commit gets before it returns.
enum class Durability {
  // On disk: survives a crash of the database server (PostgreSQL's default).
  kOnDisk,
  // Survives a crash of this process, but a crash of the database server itself may lose
  // the last fraction of a second of commits (PostgreSQL's synchronous_commit off: no WAL
  // flush to wait for). Only for a service whose production store promises no more, like
  // carts in Redis (appendfsync everysec); never for money, stock or orders.
  kProcessCrashSafe,
};

// A Database scoped to `service`: creates the schema (PostgreSQL) or file (SQLite) on first
// use. Throws StoreUnavailable when the server cannot be reached.
std::unique_ptr<Database> openServiceDatabase(const StoreOptions& options,
                                              const std::string& service,
                                              Durability durability = Durability::kOnDisk);

}  // namespace um::sql

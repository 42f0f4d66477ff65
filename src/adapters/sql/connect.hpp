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

// A Database scoped to `service`: creates the schema (PostgreSQL) or file (SQLite) on first
// use. Throws StoreUnavailable when the server cannot be reached.
std::unique_ptr<Database> openServiceDatabase(const StoreOptions& options,
                                              const std::string& service);

}  // namespace um::sql

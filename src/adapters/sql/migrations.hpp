#pragma once

// Versioned schema migrations, one folder per service: migrations/<service>/V001__name.sql.
// A file applies to both dialects unless a dialect-specific twin exists
// (V001__name.sqlite.sql / V001__name.postgres.sql), which then replaces it for that dialect.
// Each applied version is recorded in the service's schema_migrations table so it runs once;
// a migration and its record commit in one transaction.

#include <string>
#include <vector>

#include "adapters/sql/database.hpp"

namespace um::sql {

struct EmbeddedFile {
  std::string path;  // relative to migrations/, e.g. "auth/V001__credentials.sql"
  std::string content;
};

// Every migration file, compiled into the binary (cmake/EmbedMigrations.cmake).
const std::vector<EmbeddedFile>& embeddedMigrationFiles();

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations of one service for one dialect, ordered by version. Throws on duplicate
// versions or malformed names so a bad file fails the build's tests, not a deploy.
std::vector<Migration> migrationsFor(const std::string& service, Dialect dialect,
                                     const std::vector<EmbeddedFile>& files);

// The services that have a migrations folder.
std::vector<std::string> servicesWithMigrations(const std::vector<EmbeddedFile>& files);

// Applies what is not yet recorded; returns how many ran.
int applyMigrations(Database& db, const std::vector<Migration>& migrations);

}  // namespace um::sql

#include "adapters/sql/migrations.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "core/clock.hpp"

namespace um::sql {

namespace {

Error invalid(const std::string& message) {
  return Error(ErrorKind::kInternal, "invalid_migration", message);
}

struct ParsedName {
  int version;
  std::string name;
  std::optional<Dialect> dialect;  // nullopt: the plain file, for every dialect
};

// "V001__create_users.sql", "V001__create_users.sqlite.sql", "V001__create_users.postgres.sql"
ParsedName parseFileName(const std::string& path, const std::string& file) {
  static const std::regex kPattern(R"(V([0-9]{1,9})__([A-Za-z0-9_]+)(\.sqlite|\.postgres)?\.sql)");
  std::smatch m;
  if (!std::regex_match(file, m, kPattern)) {
    throw invalid("migration file name " + path +
                  " is not V<number>__<name>[.sqlite|.postgres].sql");
  }
  ParsedName parsed{std::stoi(m[1].str()), m[2].str(), std::nullopt};
  if (parsed.version <= 0) throw invalid("migration " + path + " has version 0; start at 1");
  if (m[3].matched)
    parsed.dialect = m[3].str() == ".sqlite" ? Dialect::kSqlite : Dialect::kPostgres;
  return parsed;
}

const char* dialectName(Dialect d) {
  return d == Dialect::kSqlite ? "sqlite" : "postgres";
}

// The files of one version: the plain one and the dialect twins, any of which may be missing.
struct VersionFiles {
  std::string name;
  std::string firstPath;
  const EmbeddedFile* plain = nullptr;
  const EmbeddedFile* sqlite = nullptr;
  const EmbeddedFile* postgres = nullptr;

  const EmbeddedFile* forDialect(Dialect d) const {
    const EmbeddedFile* twin = d == Dialect::kSqlite ? sqlite : postgres;
    return twin != nullptr ? twin : plain;
  }
};

}  // namespace

std::vector<Migration> migrationsFor(const std::string& service, Dialect dialect,
                                     const std::vector<EmbeddedFile>& files) {
  const std::string prefix = service + "/";
  std::map<int, VersionFiles> versions;
  for (const auto& f : files) {
    if (!f.path.starts_with(prefix)) continue;
    const std::string file = f.path.substr(prefix.size());
    if (file.find('/') != std::string::npos) {
      throw invalid("migration " + f.path + " is in a subfolder; keep migrations/<service>/V*.sql");
    }
    const ParsedName parsed = parseFileName(f.path, file);
    VersionFiles& v = versions[parsed.version];
    if (v.firstPath.empty()) {
      v.name = parsed.name;
      v.firstPath = f.path;
    } else if (v.name != parsed.name) {
      throw invalid("migrations " + v.firstPath + " and " + f.path + " share a version");
    }
    const EmbeddedFile** slot = !parsed.dialect                       ? &v.plain
                                : *parsed.dialect == Dialect::kSqlite ? &v.sqlite
                                                                      : &v.postgres;
    if (*slot != nullptr) throw invalid("migration " + f.path + " is listed twice");
    *slot = &f;
  }

  std::vector<Migration> out;
  for (const auto& [version, v] : versions) {
    // Checked for both dialects whichever is asked for, so a gap fails the unit tests
    // on a developer's SQLite run, not a PostgreSQL deploy.
    for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
      if (v.forDialect(d) == nullptr) {
        throw invalid("migration " + v.firstPath + " has no version for " + dialectName(d) +
                      "; add the plain .sql or a ." + dialectName(d) + ".sql twin");
      }
    }
    out.push_back(Migration{version, v.name, v.forDialect(dialect)->content});
  }
  return out;
}

std::vector<std::string> servicesWithMigrations(const std::vector<EmbeddedFile>& files) {
  std::set<std::string> services;
  for (const auto& f : files) {
    const auto slash = f.path.find('/');
    if (slash != std::string::npos && slash > 0) services.insert(f.path.substr(0, slash));
  }
  return {services.begin(), services.end()};
}

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

// Two processes starting at once must not both apply a migration. SQLite's BEGIN IMMEDIATE
// already lets one writer in at a time; on PostgreSQL a lock keyed on the schema does, held
// until the transaction ends.
void serialise(Transaction& tx) {
  if (tx.dialect() == Dialect::kPostgres) {
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtext('um.schema_migrations.' || current_schema()))");
  }
}

// "V002__add_index", as the file is named.
std::string label(const Migration& m) {
  char version[16];
  std::snprintf(version, sizeof version, "V%03d", m.version);
  return version + ("__" + m.name);
}

bool isRecorded(Transaction& tx, int version) {
  return !tx.execute("SELECT 1 FROM schema_migrations WHERE version = $1",
                     {static_cast<std::int64_t>(version)})
              .empty();
}

}  // namespace

int applyMigrations(Database& db, const std::vector<Migration>& migrations) {
  const std::set<int> applied = db.transaction([](Transaction& tx) {
    serialise(tx);
    tx.execute(kCreateTable);
    std::set<int> versions;
    for (const auto& row : tx.execute("SELECT version FROM schema_migrations").rows) {
      versions.insert(row.get<int>(0));
    }
    return versions;
  });

  int count = 0;
  for (const auto& m : migrations) {
    if (applied.contains(m.version)) continue;
    const bool ran = db.transaction([&](Transaction& tx) {
      serialise(tx);
      if (isRecorded(tx, m.version)) return false;  // another process was first
      try {
        tx.execute(m.sql);
      } catch (const StatementError& e) {
        throw StatementError("migration " + db.scope() + "/" + label(m) + " failed: " + e.what());
      }
      tx.execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
          {static_cast<std::int64_t>(m.version), m.name, formatRfc3339(systemClock().now())});
      return true;
    });
    if (ran) ++count;
  }
  return count;
}

}  // namespace um::sql

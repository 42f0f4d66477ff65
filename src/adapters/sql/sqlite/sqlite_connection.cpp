#include "adapters/sql/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <variant>

#include "adapters/sql/retry.hpp"

namespace um::sql {

namespace {

// Bounded so a service that builds SQL dynamically cannot grow the cache without end; a
// service's fixed statements fit many times over.
constexpr std::size_t kMaxCachedStatements = 256;

bool onlySpace(const char* begin, const char* end) {
  return std::all_of(begin, end,
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// Resets a statement for its next use (cached) or finalizes it, however run() leaves.
class StatementGuard {
 public:
  StatementGuard(sqlite3_stmt* stmt, bool keep) : stmt_(stmt), keep_(keep) {}
  StatementGuard(const StatementGuard&) = delete;
  StatementGuard& operator=(const StatementGuard&) = delete;
  ~StatementGuard() {
    if (keep_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }

 private:
  sqlite3_stmt* stmt_;
  bool keep_;
};

// "$3" → 3; 0 when the name is not of that form.
std::size_t placeholderNumber(const char* name) {
  if (name == nullptr || name[0] != '$') return 0;
  const std::string_view digits(name + 1);
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return 0;
  return n;
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, std::chrono::milliseconds busyTimeout) {
  // NOMUTEX: the pool hands a handle to one thread at a time.
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreUnavailable("cannot open SQLite database " + path + ": " + why);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(busyTimeout.count()));
  try {
    // synchronous=NORMAL is durable across a process crash in WAL mode, and only an OS
    // crash can lose the last commits; foreign keys are off by default in SQLite.
    execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", {});
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

bool SqliteConnection::reusable() const {
  return sqlite3_get_autocommit(db_) != 0;
}

sqlite3_stmt* SqliteConnection::cached(std::string_view sql) {
  auto it = statements_.find(sql);
  return it == statements_.end() ? nullptr : it->second;
}

void SqliteConnection::remember(std::string_view sql, sqlite3_stmt* stmt) {
  if (statements_.size() >= kMaxCachedStatements) {
    for (auto& [text, old] : statements_) sqlite3_finalize(old);
    statements_.clear();
  }
  statements_.emplace(std::string(sql), stmt);
}

Result SqliteConnection::execute(std::string_view sql, const Params& params) {
  if (sqlite3_stmt* stmt = cached(sql)) {
    StatementGuard guard(stmt, true);
    return run(stmt, params);
  }
  Result result;
  const char* pos = sql.data();
  const char* const end = sql.data() + sql.size();
  bool first = true;
  while (pos < end && !onlySpace(pos, end)) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db_, pos, static_cast<int>(end - pos), &stmt, &tail);
    if (rc != SQLITE_OK) fail(rc, "prepare");
    if (stmt == nullptr) {  // only a comment was left
      pos = tail;
      continue;
    }
    // Only whole single-statement texts are cached: they are what services repeat.
    const bool keep = first && onlySpace(tail, end);
    if (keep) remember(sql, stmt);
    StatementGuard guard(stmt, keep);
    result = run(stmt, params);
    pos = tail;
    first = false;
  }
  return result;
}

std::vector<Result> SqliteConnection::pipeline(const std::vector<Statement>& statements) {
  std::vector<Result> results;
  results.reserve(statements.size());
  for (const auto& s : statements) results.push_back(execute(s.sql, s.params));
  return results;
}

bool SqliteConnection::writes(std::string_view sql) {
  if (sqlite3_stmt* stmt = cached(sql)) return sqlite3_stmt_readonly(stmt) == 0;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK || stmt == nullptr) {
    sqlite3_finalize(stmt);
    return true;  // execute() will report the error; assuming a write is the safe side
  }
  if (!onlySpace(tail, sql.data() + sql.size())) {
    sqlite3_finalize(stmt);
    return true;
  }
  remember(sql, stmt);
  return sqlite3_stmt_readonly(stmt) == 0;
}

void SqliteConnection::bind(sqlite3_stmt* stmt, const Params& params) {
  const int count = sqlite3_bind_parameter_count(stmt);
  for (int j = 1; j <= count; ++j) {
    const char* name = sqlite3_bind_parameter_name(stmt, j);
    const std::size_t n = placeholderNumber(name);
    // SQLite would bind a missing value as NULL; PostgreSQL refuses, so refuse here too.
    if (n == 0 || n > params.size()) {
      throw StatementError(std::string("placeholder ") + (name != nullptr ? name : "?") +
                           " has no parameter (" + std::to_string(params.size()) + " given)");
    }
    const Value& v = params[n - 1];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(stmt, j);
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, j, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, j, *d);
    } else if (const auto* b = std::get_if<bool>(&v)) {
      rc = sqlite3_bind_int(stmt, j, *b ? 1 : 0);
    } else {
      const auto& s = std::get<std::string>(v);
      // STATIC: `params` outlives the statement's use; the guard clears bindings after.
      rc = sqlite3_bind_text64(stmt, j, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) fail(rc, "bind");
  }
}

Result SqliteConnection::run(sqlite3_stmt* stmt, const Params& params) {
  bind(stmt, params);
  Result result;
  const int columnCount = sqlite3_column_count(stmt);
  auto columns = std::make_shared<std::vector<std::string>>();
  for (int c = 0; c < columnCount; ++c) columns->emplace_back(sqlite3_column_name(stmt, c));
  result.columns = *columns;
  const Row::Columns shared = std::move(columns);

  // sqlite3_changes() keeps the count of the last write, even across a later SELECT or DDL;
  // the total moving tells whether this statement wrote at all.
  const sqlite3_int64 totalBefore = sqlite3_total_changes64(db_);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(rc, "step");
    std::vector<std::optional<std::string>> values;
    values.reserve(static_cast<std::size_t>(columnCount));
    for (int c = 0; c < columnCount; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        values.emplace_back(std::nullopt);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        values.emplace_back(
            std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
    result.rows.emplace_back(shared, std::move(values));
  }
  if (sqlite3_total_changes64(db_) != totalBefore) result.affectedRows = sqlite3_changes64(db_);
  return result;
}

void SqliteConnection::fail(int rc, std::string_view what) const {
  const std::string message = std::string(what) + ": " + sqlite3_errmsg(db_);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw UniqueViolation(message);
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw TransientConflict(message);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
      throw StoreUnavailable(message);
    default:
      throw StatementError(message);
  }
}

}  // namespace um::sql

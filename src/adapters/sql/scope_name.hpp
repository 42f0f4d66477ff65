#pragma once

// A service's scope becomes a PostgreSQL schema name and a SQLite file name, so it is
// spliced into SQL and paths: only lower-case letters, digits and underscores get through.

#include <string>

namespace um::sql {

// Returns `name` unchanged, or throws StatementError naming the problem.
std::string requireScopeName(std::string name);

// `name` as a double-quoted SQL identifier, so that reserved words ("user", "order") work.
std::string quotedScope(const std::string& name);

}  // namespace um::sql

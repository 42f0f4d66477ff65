#include "adapters/sql/scope_name.hpp"

#include <algorithm>

#include "adapters/sql/database.hpp"

namespace um::sql {

namespace {

constexpr std::size_t kMaxLength = 63;  // PostgreSQL's NAMEDATALEN - 1

bool isScopeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string requireScopeName(std::string name) {
  if (name.empty() || name.size() > kMaxLength ||
      !std::all_of(name.begin(), name.end(), isScopeChar) || (name[0] >= '0' && name[0] <= '9') ||
      name.starts_with("pg_")) {
    throw StatementError("invalid service scope name '" + name +
                         "': want [a-z_][a-z0-9_]*, at most 63 characters, not pg_*");
  }
  return name;
}

std::string quotedScope(const std::string& name) {
  return '"' + requireScopeName(name) + '"';
}

}  // namespace um::sql

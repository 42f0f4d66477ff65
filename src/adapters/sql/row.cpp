#include <charconv>

#include "adapters/sql/database.hpp"

namespace um::sql {

namespace {

std::int64_t parseInt(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    throw StatementError("column is not an integer: '" + s + "'");
  }
  return v;
}

}  // namespace

std::size_t Row::indexOf(std::string_view column) const {
  for (std::size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == column) return i;
  }
  throw StatementError("no column named " + std::string(column));
}

template <>
std::string Row::get<std::string>(std::size_t i) const {
  const auto& v = values_.at(i);
  if (!v) throw StatementError("column " + std::to_string(i) + " is NULL");
  return *v;
}

template <>
std::int64_t Row::get<std::int64_t>(std::size_t i) const {
  return parseInt(get<std::string>(i));
}

template <>
int Row::get<int>(std::size_t i) const {
  return static_cast<int>(get<std::int64_t>(i));
}

template <>
double Row::get<double>(std::size_t i) const {
  return std::stod(get<std::string>(i));
}

// PostgreSQL spells booleans t/f, SQLite stores 1/0.
template <>
bool Row::get<bool>(std::size_t i) const {
  const std::string s = get<std::string>(i);
  return s == "t" || s == "true" || s == "1";
}

template <>
std::optional<std::string> Row::get<std::optional<std::string>>(std::size_t i) const {
  return values_.at(i);
}

template <>
std::optional<std::int64_t> Row::get<std::optional<std::int64_t>>(std::size_t i) const {
  if (isNull(i)) return std::nullopt;
  return get<std::int64_t>(i);
}

const Row& Result::one() const {
  if (rows.size() != 1) {
    throw StatementError("expected one row, got " + std::to_string(rows.size()));
  }
  return rows.front();
}

}  // namespace um::sql

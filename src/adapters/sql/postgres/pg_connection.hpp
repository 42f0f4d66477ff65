#pragma once

// One libpq connection, scoped to a service's schema by its search_path. Statements use
// the text protocol both ways, so values reach Row in the same form as from SQLite.

#include <chrono>
#include <string>
#include <string_view>

#include "adapters/sql/database.hpp"

struct pg_conn;
struct pg_result;

namespace um::sql {

// DATABASE_URL and what must never be shown of it.
struct PgTarget {
  std::string url;
  std::string password;  // scrubbed from every message libpq hands us
  std::chrono::seconds connectTimeout{5};

  // Throws StatementError, without echoing the URL, when libpq cannot parse it.
  static PgTarget parse(const std::string& url, std::chrono::seconds connectTimeout);
  std::string scrub(std::string message) const;
};

class PgConnection {
 public:
  // Throws ConnectionLost when the server cannot be reached.
  PgConnection(const PgTarget& target, const std::string& quotedSchema);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // One statement with $n parameters, or several `;`-separated ones without parameters
  // (the simple query protocol, for migrations). The result is the last statement's.
  Result execute(std::string_view sql, const Params& params);

  // Connected and outside any transaction.
  bool reusable() const;
  // reusable(), after reading without blocking whatever the server sent while the
  // connection sat idle: a terminated backend or a shutdown shows up here.
  bool alive();

 private:
  [[noreturn]] void fail(const pg_result* result) const;

  const PgTarget& target_;
  pg_conn* conn_ = nullptr;
};

}  // namespace um::sql

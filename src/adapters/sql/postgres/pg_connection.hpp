#pragma once

// One libpq connection, scoped to a service's schema by its search_path. Statements use
// the text protocol both ways, so values reach Row in the same form as from SQLite.
// Statements with parameters are prepared once per connection and then only executed:
// the server parses and plans each text once instead of on every call, which is most of
// its work for the short statements services send (checkout sends dozens).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  // Connects and runs `sessionSetup` (the search_path, session settings). Throws
  // ConnectionLost when the server cannot be reached.
  PgConnection(const PgTarget& target, const std::string& sessionSetup);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // One statement with $n parameters, or several `;`-separated ones without parameters
  // (the simple query protocol, for migrations). The result is the last statement's.
  Result execute(std::string_view sql, const Params& params);
  // The statements in order in one round trip (libpq's pipeline mode) and their results;
  // the first failure is thrown, and nothing after it runs.
  std::vector<Result> pipeline(const std::vector<Statement>& statements);

  // Connected and outside any transaction.
  bool reusable() const;
  // reusable(), after reading without blocking whatever the server sent while the
  // connection sat idle: a terminated backend or a shutdown shows up here.
  bool alive();

 private:
  [[noreturn]] void fail(const pg_result* result) const;
  void forgetIfStale(const std::string& sql, const pg_result* result);
  // The server-side name of `sql` prepared on this connection, preparing it on first use;
  // nullptr once the cache is full (rare dynamic texts, e.g. long IN lists): those run
  // unprepared.
  const std::string* prepared(const std::string& sql, int paramCount);

  // Bounds server memory per connection; the statements services repeat are far fewer.
  static constexpr std::size_t kMaxPrepared = 512;

  const PgTarget& target_;
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
  std::uint64_t nextStatement_ = 0;
};

}  // namespace um::sql

#include "adapters/sql/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "adapters/sql/retry.hpp"

namespace um::sql {

namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Notices (IF NOT EXISTS skips, and the server's last words to a terminated backend) would
// otherwise go to stderr, outside the structured log.
void ignoreNotice(void*, const char*) {}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool startsWith(const char* s, std::string_view prefix) {
  return s != nullptr && std::string_view(s).starts_with(prefix);
}

// PQcmdTuples also counts SELECT rows; the port promises a count for writes only.
bool isWriteTag(const char* tag) {
  return startsWith(tag, "INSERT") || startsWith(tag, "UPDATE") || startsWith(tag, "DELETE") ||
         startsWith(tag, "MERGE");
}

std::optional<std::string> textOf(const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);  // shortest exact form
    return std::string(buf, end);
  }
  return std::get<std::string>(v);
}

Result toResult(const PGresult* r) {
  Result out;
  const int fields = PQnfields(r);
  const int tuples = PQntuples(r);
  auto columns = std::make_shared<std::vector<std::string>>();
  for (int c = 0; c < fields; ++c) columns->emplace_back(PQfname(r, c));
  out.columns = *columns;
  const Row::Columns shared = std::move(columns);
  out.rows.reserve(static_cast<std::size_t>(tuples));
  for (int t = 0; t < tuples; ++t) {
    std::vector<std::optional<std::string>> values;
    values.reserve(static_cast<std::size_t>(fields));
    for (int c = 0; c < fields; ++c) {
      if (PQgetisnull(r, t, c)) {
        values.emplace_back(std::nullopt);
      } else {
        values.emplace_back(
            std::string(PQgetvalue(r, t, c), static_cast<std::size_t>(PQgetlength(r, t, c))));
      }
    }
    out.rows.emplace_back(shared, std::move(values));
  }
  if (isWriteTag(PQcmdStatus(const_cast<PGresult*>(r)))) {
    out.affectedRows = std::strtoll(PQcmdTuples(const_cast<PGresult*>(r)), nullptr, 10);
  }
  return out;
}

}  // namespace

PgTarget PgTarget::parse(const std::string& url, std::chrono::seconds connectTimeout) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    // libpq's message quotes the offending part, which may be the password.
    if (error != nullptr) PQfreemem(error);
    throw Error(ErrorKind::kInternal, "invalid_database_url",
                "DATABASE_URL is not a valid PostgreSQL connection URI");
  }
  PgTarget target{url, "", connectTimeout};
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr) target.password = o->val;
  }
  PQconninfoFree(options);
  return target;
}

std::string PgTarget::scrub(std::string message) const {
  if (password.empty()) return message;
  for (auto pos = message.find(password); pos != std::string::npos;
       pos = message.find(password, pos)) {
    message.replace(pos, password.size(), "***");
  }
  return message;
}

PgConnection::PgConnection(const PgTarget& target, const std::string& quotedSchema)
    : target_(target) {
  // Keywords before "dbname" are defaults the URL's own parameters override.
  const std::string timeout = std::to_string(target.connectTimeout.count());
  const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "ultramarket", target.url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (conn_ == nullptr) throw StoreUnavailable("cannot allocate a PostgreSQL connection");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = target_.scrub(trimmed(PQerrorMessage(conn_)));
    PQfinish(conn_);
    throw ConnectionLost("cannot connect to PostgreSQL: " + why);
  }
  PQsetNoticeProcessor(conn_, ignoreNotice, nullptr);
  try {
    execute("SET search_path TO " + quotedSchema, {});
  } catch (...) {
    PQfinish(conn_);
    throw;
  }
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

bool PgConnection::reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool PgConnection::alive() {
  return reusable() && PQconsumeInput(conn_) == 1 && reusable();
}

Result PgConnection::execute(std::string_view sql, const Params& params) {
  const std::string text(sql);  // libpq wants it NUL-terminated
  ResultPtr result(nullptr, &PQclear);
  if (params.empty()) {
    result.reset(PQexec(conn_, text.c_str()));
  } else {
    std::vector<std::optional<std::string>> texts;
    texts.reserve(params.size());
    for (const auto& p : params) texts.push_back(textOf(p));
    std::vector<const char*> values;
    values.reserve(texts.size());
    for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);
    const int count = static_cast<int>(values.size());
    if (const std::string* name = prepared(text, count)) {
      result.reset(PQexecPrepared(conn_, name->c_str(), count, values.data(), nullptr, nullptr, 0));
      const char* state =
          result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
      // The plan went stale (a migration changed a table's columns) or the statement is
      // gone: prepare it afresh next time. This call fails as it would have unprepared.
      if (state != nullptr &&
          (std::string_view(state) == "0A000" || std::string_view(state) == "26000")) {
        prepared_.erase(text);
      }
    } else {
      result.reset(PQexecParams(conn_, text.c_str(), count, nullptr, values.data(), nullptr,
                                nullptr, 0));
    }
  }
  if (!result) fail(nullptr);
  switch (PQresultStatus(result.get())) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return toResult(result.get());
    default:
      fail(result.get());
  }
}

const std::string* PgConnection::prepared(const std::string& sql, int paramCount) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
  if (prepared_.size() >= kMaxPrepared) return nullptr;
  // Fresh names, never reused, so a statement dropped from the cache cannot collide.
  std::string name = "um_" + std::to_string(++nextStatement_);
  ResultPtr result(PQprepare(conn_, name.c_str(), sql.c_str(), paramCount, nullptr), &PQclear);
  if (!result) fail(nullptr);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(result.get());
  return &prepared_.emplace(sql, std::move(name)).first->second;
}

void PgConnection::fail(const PGresult* result) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_);
  message = target_.scrub(trimmed(message));

  // 08: connection exceptions, except 08P01, which is also how the server reports a
  // parameter count that does not match the placeholders (our bug, on a healthy connection);
  // 57P01-03: the server is shutting down or restarting.
  const bool connectionClass = sqlstate.starts_with("08") && sqlstate != "08P01";
  if (PQstatus(conn_) == CONNECTION_BAD || connectionClass || sqlstate == "57P01" ||
      sqlstate == "57P02" || sqlstate == "57P03") {
    throw ConnectionLost("PostgreSQL connection lost: " + message);
  }
  if (sqlstate == "23505") throw UniqueViolation(message);
  // Serialization failure and deadlock victim: the whole transaction can simply run again.
  if (sqlstate == "40001" || sqlstate == "40P01") throw TransientConflict(message);
  // 53: out of connections, memory or disk.
  if (sqlstate.starts_with("53")) throw StoreUnavailable(message);
  throw StatementError(message + (sqlstate.empty() ? "" : " [" + sqlstate + "]"));
}

}  // namespace um::sql

#include "adapters/sql/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
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

bool succeeded(const PGresult* r) {
  switch (PQresultStatus(r)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

// Parameters as libpq takes them: NUL-terminated text, or a null pointer for NULL.
struct ParamTexts {
  explicit ParamTexts(const Params& params) {
    texts.reserve(params.size());
    for (const auto& p : params) texts.push_back(textOf(p));
    values.reserve(texts.size());
    for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);
  }
  int count() const { return static_cast<int>(values.size()); }

  std::vector<std::optional<std::string>> texts;
  std::vector<const char*> values;
};

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

PgConnection::PgConnection(const PgTarget& target, const std::string& sessionSetup)
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
    execute(sessionSetup, {});
  } catch (...) {
    PQfinish(conn_);
    throw;
  }
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

bool PgConnection::reusable() const {
  // A pipeline that failed half-read leaves the connection in pipeline mode: not reusable.
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE &&
         PQpipelineStatus(conn_) == PQ_PIPELINE_OFF;
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
    const ParamTexts args(params);
    if (const std::string* name = prepared(text, args.count())) {
      result.reset(PQexecPrepared(conn_, name->c_str(), args.count(), args.values.data(), nullptr,
                                  nullptr, 0));
      forgetIfStale(text, result.get());
    } else {
      result.reset(PQexecParams(conn_, text.c_str(), args.count(), nullptr, args.values.data(),
                                nullptr, nullptr, 0));
    }
  }
  if (!result) fail(nullptr);
  if (!succeeded(result.get())) fail(result.get());
  return toResult(result.get());
}

// The plan went stale (a migration changed a table's columns) or the statement is gone:
// prepare it afresh next time. This call fails as it would have unprepared.
void PgConnection::forgetIfStale(const std::string& sql, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr && (std::string_view(state) == "0A000" || std::string_view(state) == "26000")) {
    prepared_.erase(sql);
  }
}

// All statements are written before any answer is read, with one Sync at the end: one round
// trip. Statements seen for the first time are prepared in the same pipeline. After a
// failure the server skips the rest up to the Sync (PGRES_PIPELINE_ABORTED), so nothing
// after a failed statement runs, as if they had been sent one by one.
std::vector<Result> PgConnection::pipeline(const std::vector<Statement>& statements) {
  // Text without parameters may hold several statements (migrations), which only the simple
  // query protocol runs, and it has no place in a pipeline: such a batch goes one by one.
  const bool script = std::any_of(statements.begin(), statements.end(), [](const Statement& s) {
    return s.params.empty() && s.sql.find(';') != std::string::npos;
  });
  std::vector<Result> results;
  results.reserve(statements.size());
  if (statements.size() == 1 || script) {
    for (const auto& s : statements) results.push_back(execute(s.sql, s.params));
    return results;
  }
  if (PQenterPipelineMode(conn_) != 1) fail(nullptr);

  // What each result read back belongs to: a statement, or the preparation of one.
  struct Pending {
    const Statement* statement;
    std::string preparedName;  // set for a Parse sent in this pipeline
  };
  std::vector<Pending> pending;
  std::unordered_map<std::string, std::string> preparing;  // SQL text → name, this pipeline
  for (const auto& s : statements) {
    int sent = 0;
    if (s.params.empty()) {
      sent = PQsendQueryParams(conn_, s.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    } else {
      const ParamTexts args(s.params);
      const std::string* name = nullptr;
      if (auto it = prepared_.find(s.sql); it != prepared_.end()) {
        name = &it->second;
      } else if (auto it2 = preparing.find(s.sql); it2 != preparing.end()) {
        name = &it2->second;
      } else if (prepared_.size() + preparing.size() < kMaxPrepared) {
        std::string fresh = "um_" + std::to_string(++nextStatement_);
        if (PQsendPrepare(conn_, fresh.c_str(), s.sql.c_str(), args.count(), nullptr) != 1) {
          fail(nullptr);
        }
        pending.push_back({&s, fresh});
        name = &preparing.emplace(s.sql, std::move(fresh)).first->second;
      }
      sent = name != nullptr
                 ? PQsendQueryPrepared(conn_, name->c_str(), args.count(), args.values.data(),
                                       nullptr, nullptr, 0)
                 : PQsendQueryParams(conn_, s.sql.c_str(), args.count(), nullptr,
                                     args.values.data(), nullptr, nullptr, 0);
    }
    if (sent != 1) fail(nullptr);  // the connection is gone; the pool drops it
    pending.push_back({&s, ""});
  }
  if (PQpipelineSync(conn_) != 1) fail(nullptr);

  ResultPtr failure(nullptr, &PQclear);
  const Statement* failed = nullptr;
  for (const auto& p : pending) {
    ResultPtr r(PQgetResult(conn_), &PQclear);
    if (!r) fail(nullptr);
    const auto status = PQresultStatus(r.get());
    if (status == PGRES_PIPELINE_ABORTED) {
      // Skipped after an earlier failure.
    } else if (!succeeded(r.get())) {
      if (!failure) {
        failure = std::move(r);
        failed = p.statement;
      }
    } else if (!p.preparedName.empty()) {
      prepared_.emplace(p.statement->sql, p.preparedName);
    } else {
      results.push_back(toResult(r.get()));
    }
    // Each command's results end with a null.
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  }
  ResultPtr sync(PQgetResult(conn_), &PQclear);
  if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn_) != 1) {
    fail(failure.get());
  }
  if (failure) {
    forgetIfStale(failed->sql, failure.get());
    fail(failure.get());
  }
  return results;
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

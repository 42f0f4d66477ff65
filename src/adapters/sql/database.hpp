#pragma once

// The relational store port. Services write portable SQL (the subset SQLite 3.40 and
// PostgreSQL 15 share: $1-style placeholders, RETURNING, ON CONFLICT, conditional UPDATE
// instead of SELECT ... FOR UPDATE) against their own tables; an adapter runs it.
// Each service gets a Database scoped to what it owns: a schema on PostgreSQL (search_path),
// a file of its own on SQLite.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace um::sql {

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string>;
using Params = std::vector<Value>;

// A unique or primary-key constraint was violated: the typed conflict the port promises.
class UniqueViolation : public Error {
 public:
  explicit UniqueViolation(std::string detail)
      : Error(ErrorKind::kConflict, "conflict", std::move(detail)) {}
};

// The store cannot be reached (or the connection broke mid-transaction).
class StoreUnavailable : public Error {
 public:
  explicit StoreUnavailable(std::string detail)
      : Error(ErrorKind::kUnavailable, "store_unavailable", std::move(detail)) {}
};

// Any other failure of a statement: a bug in our SQL, not the caller's fault.
class StatementError : public Error {
 public:
  explicit StatementError(std::string detail)
      : Error(ErrorKind::kInternal, "internal", std::move(detail)) {}
};

// One row of a result. Values arrive as text (libpq's text format, SQLite's column text) and
// are converted on access, so both adapters read the same way. The column names are shared
// by all rows of a result, and owned by them, so a Row stays valid after its Result moves.
class Row {
 public:
  using Columns = std::shared_ptr<const std::vector<std::string>>;

  Row(Columns columns, std::vector<std::optional<std::string>> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  bool isNull(std::size_t i) const { return !values_.at(i).has_value(); }
  std::size_t size() const { return values_.size(); }

  template <typename T>
  T get(std::size_t i) const;
  template <typename T>
  T get(std::string_view column) const {
    return get<T>(indexOf(column));
  }

 private:
  std::size_t indexOf(std::string_view column) const;
  Columns columns_;
  std::vector<std::optional<std::string>> values_;
};

// The conversions Row::get supports; defined in row.cpp.
template <> std::string Row::get<std::string>(std::size_t) const;
template <> std::int64_t Row::get<std::int64_t>(std::size_t) const;
template <> int Row::get<int>(std::size_t) const;
template <> double Row::get<double>(std::size_t) const;
template <> bool Row::get<bool>(std::size_t) const;
template <> std::optional<std::string> Row::get<std::optional<std::string>>(std::size_t) const;
template <> std::optional<std::int64_t> Row::get<std::optional<std::int64_t>>(std::size_t) const;

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affectedRows = 0;  // INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
  const Row& one() const;  // exactly one row, else StatementError
};

// One statement and its parameters, as queued for a round trip shared with others.
struct Statement {
  std::string sql;
  Params params;
};

// A connection inside a transaction. Never outlives the transaction() call that made it.
// A statement that fails dooms the transaction on both adapters: later statements throw and
// it is rolled back even if the work swallows the exception (see pooled_transaction.hpp).
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Result execute(std::string_view sql, const Params& params = {}) = 0;

  // A write whose result the work does not read (an INSERT into the outbox, a history row).
  // It runs, in order, before the next execute() or the COMMIT, and on PostgreSQL travels
  // in the same round trip as them (libpq's pipeline mode): a checkout's transactions cost
  // one or two round trips instead of one per statement. Its failure is thrown from that
  // execute() or from transaction(), and dooms the transaction like any other.
  virtual void enqueue(std::string_view sql, const Params& params = {}) = 0;

  // Several statements in one round trip (after whatever is enqueued), their results in
  // order: reads that do not depend on each other.
  virtual std::vector<Result> executeAll(std::vector<Statement> statements) = 0;

  // The last statements and the COMMIT in one round trip, their results in order. For a
  // transaction whose writes are conditional in SQL (INSERT … SELECT … WHERE EXISTS …), so
  // no answer has to be read before deciding to commit. Nothing may run after it.
  virtual std::vector<Result> commitWith(std::vector<Statement> statements) = 0;

  // This transaction's commit does not wait for its WAL flush (PostgreSQL's
  // synchronous_commit off for it alone): it survives a crash of this process, and a crash
  // of the database server only if a later flushed commit covered it. For a write that the
  // next flushed commit of the same work always follows (WAL is one stream per server).
  virtual void relaxDurability() = 0;

  virtual Dialect dialect() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // Runs `work` in a transaction: committed when it returns, rolled back when it throws
  // (the exception propagates). On SQLite the transaction takes the write lock up front
  // (BEGIN IMMEDIATE) so concurrent writers queue instead of failing to upgrade.
  // `work` may run more than once: a transaction that loses a race (SQLITE_BUSY, PostgreSQL
  // serialization failure or deadlock) is rolled back and retried a few times, so keep side
  // effects other than SQL out of it.
  template <typename F>
  auto transaction(F&& work) -> std::invoke_result_t<F, Transaction&> {
    using R = std::invoke_result_t<F, Transaction&>;
    if constexpr (std::is_void_v<R>) {
      runInTransaction([&](Transaction& tx) { work(tx); });
    } else {
      std::optional<R> out;
      runInTransaction([&](Transaction& tx) { out.emplace(work(tx)); });
      return std::move(*out);
    }
  }

  // One statement in its own implicit transaction. A connection found broken is replaced
  // and the statement retried once, so a restarted server costs no request.
  virtual Result execute(std::string_view sql, const Params& params = {}) = 0;

  // Reads that do not depend on each other, their results in order: one round trip on
  // PostgreSQL (one implicit transaction), one after the other on SQLite.
  virtual std::vector<Result> executeAll(std::vector<Statement> statements) = 0;

  // Cheap round trip for /ready; throws StoreUnavailable.
  virtual void ping() = 0;
  virtual Dialect dialect() const = 0;
  // The service this handle belongs to (schema or file name).
  virtual const std::string& scope() const = 0;

 protected:
  virtual void runInTransaction(const std::function<void(Transaction&)>& work) = 0;
};

}  // namespace um::sql

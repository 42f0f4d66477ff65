#pragma once

// The part of a transaction both adapters share once BEGIN has run: run the caller's work,
// then COMMIT, or ROLLBACK if anything failed.
//
// A statement that fails inside a transaction dooms the whole transaction on both adapters.
// PostgreSQL forces this (every later statement fails with 25P02, and COMMIT silently rolls
// back); SQLite would carry on, so it is made to match: code that catches, say, a
// UniqueViolation inside the work and carries on would pass on SQLite in development and
// break in production. Use ON CONFLICT, or catch outside transaction(), instead.

#include <functional>
#include <optional>
#include <string>

#include "adapters/sql/database.hpp"
#include "adapters/sql/retry.hpp"

namespace um::sql {

template <typename Connection>
class PooledTransaction final : public Transaction {
 public:
  PooledTransaction(Connection& conn, Dialect dialect) : conn_(conn), dialect_(dialect) {}

  Result execute(std::string_view sql, const Params& params = {}) override {
    if (failure_) {
      throw StatementError("statement in a transaction that already failed: " + *failure_);
    }
    try {
      return conn_.execute(sql, params);
    } catch (const TransientConflict& e) {
      failure_ = e.what();
      cause_ = Cause::kTransient;
      throw;
    } catch (const StoreUnavailable& e) {
      failure_ = e.what();
      cause_ = Cause::kUnavailable;
      throw;
    } catch (const std::exception& e) {
      failure_ = e.what();
      throw;
    }
  }

  Dialect dialect() const override { return dialect_; }

  // Raises the first failure again, in its kind, for work that swallowed it.
  [[noreturn]] void rethrowFailure() const {
    const std::string why = "transaction rolled back: a statement in it failed: " + *failure_;
    switch (cause_) {
      case Cause::kTransient:
        throw TransientConflict(why);
      case Cause::kUnavailable:
        throw StoreUnavailable(why);
      case Cause::kStatement:
        break;
    }
    throw StatementError(why);
  }

  bool failed() const { return failure_.has_value(); }

 private:
  enum class Cause { kStatement, kTransient, kUnavailable };

  Connection& conn_;
  Dialect dialect_;
  std::optional<std::string> failure_;
  Cause cause_ = Cause::kStatement;
};

// Rolls back without masking the exception that made us roll back. A connection left in a
// transaction because this failed is not reusable and the pool drops it.
template <typename Connection>
void rollbackQuietly(Connection& conn) noexcept {
  try {
    conn.execute("ROLLBACK", {});
  } catch (...) {
  }
}

// Runs `work` on `conn`, on which BEGIN has just succeeded, and ends the transaction.
template <typename Connection>
void finishTransaction(Connection& conn, Dialect dialect,
                       const std::function<void(Transaction&)>& work) {
  PooledTransaction<Connection> tx(conn, dialect);
  try {
    work(tx);
  } catch (...) {
    rollbackQuietly(conn);
    throw;
  }
  if (tx.failed()) {
    rollbackQuietly(conn);
    tx.rethrowFailure();
  }
  try {
    conn.execute("COMMIT", {});
  } catch (...) {
    rollbackQuietly(conn);
    throw;
  }
}

}  // namespace um::sql

#pragma once

// The part of a transaction both adapters share: queue the caller's statements, send them
// in as few round trips as the connection allows, then COMMIT, or ROLLBACK if anything
// failed.
//
// A connection offers `std::vector<Result> pipeline(const std::vector<Statement>&)`: it runs
// the statements in order and returns their results, throwing the first failure.
// PostgreSQL sends them all before reading any answer; SQLite, in process, runs them one
// by one. Statements the work enqueue()s wait for the next execute() or the COMMIT, so a
// transaction that only writes is a single round trip, BEGIN and COMMIT included.
//
// A statement that fails inside a transaction dooms the whole transaction on both adapters.
// PostgreSQL forces this (every later statement fails with 25P02, and COMMIT silently rolls
// back); SQLite would carry on, so it is made to match: code that catches, say, a
// UniqueViolation inside the work and carries on would pass on SQLite in development and
// break in production. Use ON CONFLICT, or catch outside transaction(), instead.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sql/database.hpp"
#include "adapters/sql/retry.hpp"

namespace um::sql {

template <typename Connection>
class PooledTransaction final : public Transaction {
 public:
  // `opening` is the BEGIN still to be sent (with the first round trip); none when the
  // adapter has begun the transaction itself.
  PooledTransaction(Connection& conn, Dialect dialect, std::optional<std::string> opening)
      : conn_(conn), dialect_(dialect), opening_(std::move(opening)) {}

  Result execute(std::string_view sql, const Params& params = {}) override {
    requireHealthy();
    queued_.push_back({std::string(sql), params});
    return std::move(flush(false).back());
  }

  std::vector<Result> executeAll(std::vector<Statement> statements) override {
    requireHealthy();
    const std::size_t count = statements.size();
    if (count == 0) return {};
    for (auto& s : statements) queued_.push_back(std::move(s));
    auto results = flush(false);
    results.erase(results.begin(), results.end() - static_cast<std::ptrdiff_t>(count));
    return results;
  }

  void enqueue(std::string_view sql, const Params& params = {}) override {
    requireHealthy();
    queued_.push_back({std::string(sql), params});
    queuedBytes_ += sql.size();
    for (const auto& p : params) {
      if (const auto* s = std::get_if<std::string>(&p)) queuedBytes_ += s->size();
    }
    // libpq writes a pipeline before reading any answer; bounded, neither side's socket
    // buffer can fill up while the other waits.
    if (queuedBytes_ > kMaxQueuedBytes) flush(false);
  }

  std::vector<Result> commitWith(std::vector<Statement> statements) override {
    requireHealthy();
    const std::size_t count = statements.size();
    for (auto& s : statements) queued_.push_back(std::move(s));
    queued_.push_back({"COMMIT", {}});
    auto results = flush(true);
    committed_ = true;
    results.pop_back();  // the COMMIT's
    results.erase(results.begin(), results.end() - static_cast<std::ptrdiff_t>(count));
    return results;
  }

  void relaxDurability() override {
    // SQLite's durability is the file's (WAL, synchronous=NORMAL): nothing to relax.
    if (dialect_ == Dialect::kPostgres) enqueue("SET LOCAL synchronous_commit TO off");
  }

  Dialect dialect() const override { return dialect_; }

  // Sends what is queued with the COMMIT. A transaction that never sent a statement ends
  // without a round trip, one that commitWith() ended needs none.
  void commit() {
    if (committed_ || (opening_ && queued_.empty())) return;
    queued_.push_back({"COMMIT", {}});
    flush(true);
  }

  // Rolls back without masking the exception that made us roll back. A connection left in
  // a transaction because this failed is not reusable and the pool drops it.
  void rollbackQuietly() noexcept {
    queued_.clear();
    // BEGIN never went out, or the work committed and then threw: nothing to roll back.
    if (opening_ || committed_) return;
    try {
      conn_.execute("ROLLBACK", {});
    } catch (...) {
    }
  }

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
  static constexpr std::size_t kMaxQueuedBytes = 64 * 1024;

  void requireHealthy() const {
    if (committed_) throw StatementError("statement after the transaction's commitWith()");
    if (failure_) {
      throw StatementError("statement in a transaction that already failed: " + *failure_);
    }
  }

  std::vector<Result> flush(bool committing) {
    std::vector<Statement> batch;
    batch.reserve(queued_.size() + 1);
    const bool opens = opening_.has_value();
    if (opens) batch.push_back({*opening_, {}});
    for (auto& s : queued_) batch.push_back(std::move(s));
    queued_.clear();
    queuedBytes_ = 0;
    opening_.reset();  // from here on, a ROLLBACK is owed
    try {
      return conn_.pipeline(batch);
    } catch (const TransientConflict& e) {
      failure_ = e.what();
      cause_ = Cause::kTransient;
      throw;
    } catch (const ConnectionLost& e) {
      failure_ = e.what();
      cause_ = Cause::kUnavailable;
      // Lost with BEGIN in flight, before any COMMIT: nothing of ours can have run.
      if (opens && !committing) throw ConnectionLostBeforeBegin(e.what());
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

  Connection& conn_;
  Dialect dialect_;
  std::optional<std::string> opening_;
  std::vector<Statement> queued_;
  std::size_t queuedBytes_ = 0;
  std::optional<std::string> failure_;
  Cause cause_ = Cause::kStatement;
  bool committed_ = false;
};

// Runs `work` on `conn` and ends the transaction. `opening` is the BEGIN the connection
// still has to send (PostgreSQL), or none when it has run already (SQLite's BEGIN IMMEDIATE).
template <typename Connection>
void finishTransaction(Connection& conn, Dialect dialect,
                       const std::function<void(Transaction&)>& work,
                       std::optional<std::string> opening) {
  PooledTransaction<Connection> tx(conn, dialect, std::move(opening));
  try {
    work(tx);
  } catch (...) {
    tx.rollbackQuietly();
    throw;
  }
  if (tx.failed()) {
    tx.rollbackQuietly();
    tx.rethrowFailure();
  }
  try {
    tx.commit();
  } catch (...) {
    tx.rollbackQuietly();
    throw;
  }
}

}  // namespace um::sql

#include "adapters/sql/postgres/postgres_database.hpp"

#include "adapters/sql/pooled_transaction.hpp"
#include "adapters/sql/retry.hpp"
#include "adapters/sql/scope_name.hpp"

namespace um::sql {

namespace {

// Serialization failures and deadlocks are rare and clear up once the other side commits.
constexpr int kMaxAttempts = 5;

}  // namespace

std::string PostgresDatabase::sessionSetup(const PostgresOptions& options) const {
  std::string setup = "SET search_path TO " + quotedSchema_;
  if (!options.synchronousCommit) setup += "; SET synchronous_commit TO off";
  return setup;
}

PostgresDatabase::PostgresDatabase(const PostgresOptions& options, std::string service)
    : service_(requireScopeName(std::move(service))),
      quotedSchema_(quotedScope(service_)),
      target_(PgTarget::parse(options.url, options.connectTimeout)),
      poolSize_(options.poolSize),
      pool_([this, setup = sessionSetup(options)] {
              return std::make_unique<PgConnection>(target_, setup);
            },
            options.poolSize, options.acquireTimeout) {
  // Looked up first: CREATE SCHEMA checks the CREATE privilege even when the schema exists,
  // and a production role may own its schema without being allowed to create others.
  if (!execute("SELECT 1 FROM pg_namespace WHERE nspname = $1", {service_}).empty()) return;
  try {
    execute("CREATE SCHEMA IF NOT EXISTS " + quotedSchema_);
  } catch (const UniqueViolation&) {
    // Another process created it between IF NOT EXISTS's check and its insert.
  }
}

// Idle connections may have died since they were last used; each dead one found frees its
// slot for a fresh connection, so this ends within a pool's worth of tries.
PostgresDatabase::Lease PostgresDatabase::acquireLive() {
  for (std::size_t tries = 0; tries <= poolSize_ + 1; ++tries) {
    auto lease = pool_.acquire();
    if (lease->alive()) return lease;
    lease.discard();
  }
  throw StoreUnavailable("no live PostgreSQL connection");
}

// A statement that failed because its connection was broken never ran (or, mid-flight,
// cannot be known to have committed; the port accepts that for a single statement), so it
// is worth once more on a fresh connection: a restarted server then costs no request.
Result PostgresDatabase::execute(std::string_view sql, const Params& params) {
  return retryTransient(kMaxAttempts, [&] {
    for (int attempt = 1;; ++attempt) {
      auto lease = acquireLive();
      try {
        return lease->execute(sql, params);
      } catch (const ConnectionLost&) {
        lease.discard();
        pool_.discardIdle();
        if (attempt == 2) throw;
      }
    }
  });
}

std::vector<Result> PostgresDatabase::executeAll(std::vector<Statement> statements) {
  return retryTransient(kMaxAttempts, [&] {
    for (int attempt = 1;; ++attempt) {
      auto lease = acquireLive();
      try {
        return lease->pipeline(statements);
      } catch (const ConnectionLost&) {
        lease.discard();
        pool_.discardIdle();
        if (attempt == 2) throw;
      }
    }
  });
}

void PostgresDatabase::ping() {
  execute("SELECT 1");
}

// BEGIN goes out with the transaction's first statement. A connection found broken by that
// first round trip ran nothing of ours, so the work runs again once on a fresh one; once
// anything has run, a lost connection is the caller's to retry (StoreUnavailable).
void PostgresDatabase::runInTransaction(const std::function<void(Transaction&)>& work) {
  retryTransient(kMaxAttempts, [&] {
    for (int attempt = 1;; ++attempt) {
      auto lease = acquireLive();
      try {
        finishTransaction(*lease, Dialect::kPostgres, work, "BEGIN");
        return;
      } catch (const ConnectionLost& e) {
        lease.discard();
        pool_.discardIdle();
        if (attempt == 1 && dynamic_cast<const ConnectionLostBeforeBegin*>(&e) != nullptr) continue;
        throw;
      }
    }
  });
}

}  // namespace um::sql

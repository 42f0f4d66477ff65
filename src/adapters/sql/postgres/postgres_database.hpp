#pragma once

// The production relational store: PostgreSQL through libpq, each service in a schema of
// its own (search_path), over a bounded pool of connections that heals after the server
// restarts or a backend is terminated.

#include <chrono>
#include <cstddef>
#include <string>

#include "adapters/sql/connection_pool.hpp"
#include "adapters/sql/database.hpp"
#include "adapters/sql/postgres/pg_connection.hpp"

namespace um::sql {

struct PostgresOptions {
  std::string url;  // DATABASE_URL; never logged nor put in an error
  std::size_t poolSize = 8;
  // How long a caller waits for a free connection before the store counts as unavailable.
  std::chrono::milliseconds acquireTimeout{10'000};
  std::chrono::seconds connectTimeout{5};
  // false: commits return before their WAL is flushed (see sql::Durability).
  bool synchronousCommit = true;
};

class PostgresDatabase final : public Database {
 public:
  // Connects once and creates the service's schema if missing. Throws StoreUnavailable
  // when the server cannot be reached.
  PostgresDatabase(const PostgresOptions& options, std::string service);

  Result execute(std::string_view sql, const Params& params = {}) override;
  std::vector<Result> executeAll(std::vector<Statement> statements) override;
  void ping() override;
  Dialect dialect() const override { return Dialect::kPostgres; }
  const std::string& scope() const override { return service_; }

 protected:
  void runInTransaction(const std::function<void(Transaction&)>& work) override;

 private:
  using Lease = ConnectionPool<PgConnection>::Lease;

  Lease acquireLive();
  // What every new connection runs first: the service's schema, its durability.
  std::string sessionSetup(const PostgresOptions& options) const;

  std::string service_;
  std::string quotedSchema_;
  PgTarget target_;
  std::size_t poolSize_;
  ConnectionPool<PgConnection> pool_;
};

}  // namespace um::sql

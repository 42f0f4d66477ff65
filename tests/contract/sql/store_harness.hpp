#pragma once

// What the contract suite needs to know about each backend: how to open a Database for a
// fresh scope, how to throw that scope away, and (PostgreSQL) how to break its connections.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "adapters/sql/database.hpp"

namespace um::sql::testing {

enum class Backend { kSqlite, kPostgres };

class StoreHarness {
 public:
  virtual ~StoreHarness() = default;

  // Why this backend cannot run here (no server configured), or nullopt.
  virtual std::optional<std::string> skipReason() const { return std::nullopt; }
  virtual std::unique_ptr<Database> open(const std::string& scope, std::size_t poolSize = 8) = 0;
  virtual void dropScope(const std::string& scope) = 0;
  // Kills every server-side session of the test database but the harness's own.
  virtual bool canKillConnections() const { return false; }
  virtual void killConnections() {}
};

std::unique_ptr<StoreHarness> makeHarness(Backend backend);

// "t_" and random letters: a scope no other run uses.
std::string uniqueScope();

// The PostgreSQL URL the contract tests run against, or empty.
std::string testDatabaseUrl();

}  // namespace um::sql::testing

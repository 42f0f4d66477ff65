#include "store_harness.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "adapters/sql/postgres/postgres_database.hpp"
#include "adapters/sql/sqlite/sqlite_database.hpp"
#include "store_fixture.hpp"

namespace um::sql::testing {

namespace {

class SqliteHarness final : public StoreHarness {
 public:
  SqliteHarness() {
    std::string pattern = (std::filesystem::temp_directory_path() / "um-sql-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~SqliteHarness() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::unique_ptr<Database> open(const std::string& scope, std::size_t poolSize) override {
    SqliteOptions options;
    options.dataDir = (dir_ / "data").string();  // not there yet: the adapter creates it
    options.poolSize = poolSize;
    return std::make_unique<SqliteDatabase>(options, scope);
  }

  void dropScope(const std::string& scope) override {
    for (const char* suffix : {".db", ".db-wal", ".db-shm"}) {
      std::filesystem::remove(dir_ / "data" / (scope + suffix));
    }
  }

 private:
  std::filesystem::path dir_;
};

// A plain libpq session beside the adapter, for what the adapter must not do itself.
class AdminSession {
 public:
  explicit AdminSession(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string why = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error("admin connection failed: " + why);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE chatter
  }
  ~AdminSession() { PQfinish(conn_); }
  AdminSession(const AdminSession&) = delete;
  AdminSession& operator=(const AdminSession&) = delete;

  void run(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    const auto status = PQresultStatus(r);
    std::string why = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error("admin statement failed: " + why);
    }
  }

 private:
  PGconn* conn_;
};

class PostgresHarness final : public StoreHarness {
 public:
  PostgresHarness() : url_(testDatabaseUrl()) {}

  std::optional<std::string> skipReason() const override {
    if (!url_.empty()) return std::nullopt;
    return "UM_TEST_DATABASE_URL is not set; start a server with "
           "scripts/pg-test-server.sh start DIR and export its url to run the PostgreSQL cases";
  }

  std::unique_ptr<Database> open(const std::string& scope, std::size_t poolSize) override {
    PostgresOptions options;
    options.url = url_;
    options.poolSize = poolSize;
    return std::make_unique<PostgresDatabase>(options, scope);
  }

  void dropScope(const std::string& scope) override {
    AdminSession(url_).run("DROP SCHEMA IF EXISTS \"" + scope + "\" CASCADE");
  }

  bool canKillConnections() const override { return true; }
  void killConnections() override {
    AdminSession(url_).run(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<StoreHarness> makeHarness(Backend backend) {
  if (backend == Backend::kSqlite) return std::make_unique<SqliteHarness>();
  return std::make_unique<PostgresHarness>();
}

std::string uniqueScope() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<int> letter('a', 'z');
  std::string scope = "t_";
  for (int i = 0; i < 12; ++i) scope += static_cast<char>(letter(rng));
  return scope;
}

std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

std::string testDatabaseUrl() {
  const char* url = std::getenv("UM_TEST_DATABASE_URL");
  return url != nullptr ? url : "";
}

}  // namespace um::sql::testing

// What only the PostgreSQL adapter does: reach a server, keep its password to itself, and
// bound its pool.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <latch>
#include <thread>

#include "adapters/sql/connect.hpp"
#include "adapters/sql/postgres/postgres_database.hpp"
#include "store_harness.hpp"

namespace um::sql::testing {
namespace {

constexpr const char* kPassword = "hunter2-do-not-log";

// A loopback port nobody listens on: bound, then released.
int closedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(PostgresAdapterTest, UnreachableServerIsStoreUnavailableWithoutThePassword) {
  PostgresOptions options;
  options.url = "postgresql://shop:" + std::string(kPassword) +
                "@127.0.0.1:" + std::to_string(closedPort()) + "/shop";
  try {
    PostgresDatabase db(options, "shop");
    FAIL() << "connected to a closed port";
  } catch (const StoreUnavailable& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
    EXPECT_EQ(std::string(e.what()).find(kPassword), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("postgresql://"), std::string::npos) << e.what();
  }
}

TEST(PostgresAdapterTest, MalformedUrlIsRefusedWithoutEchoingIt) {
  PostgresOptions options;
  options.url = "postgresql://shop:" + std::string(kPassword) + "@127.0.0.1:notaport/shop";
  try {
    PostgresDatabase db(options, "shop");
    FAIL() << "accepted a malformed URL";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find(kPassword), std::string::npos) << e.what();
  }
}

TEST(PostgresAdapterTest, ExhaustedPoolMakesCallersWaitThenGiveUp) {
  const std::string url = testDatabaseUrl();
  if (url.empty()) GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
  const std::string scope = uniqueScope();
  {
    PostgresOptions options;
    options.url = url;
    options.poolSize = 1;
    options.acquireTimeout = std::chrono::milliseconds(300);
    PostgresDatabase db(options, scope);

    std::latch holding(1);
    std::latch release(1);
    std::jthread holder([&] {
      db.transaction([&](Transaction& tx) {
        tx.execute("SELECT 1");
        holding.count_down();
        release.wait();
      });
    });
    holding.wait();
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(db.execute("SELECT 1"), StoreUnavailable);
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(250));
    release.count_down();
    holder.join();
    // The one connection is free again.
    EXPECT_EQ(db.execute("SELECT 2").one().get<int>(0), 2);
  }
  makeHarness(Backend::kPostgres)->dropScope(scope);
}

TEST(PostgresAdapterTest, DurabilityIsChosenPerServiceAndDefaultsToOnDisk) {
  const std::string url = testDatabaseUrl();
  if (url.empty()) GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
  const std::string scope = uniqueScope();
  {
    auto onDisk = openServiceDatabase({url, "", 2}, scope);
    auto relaxed = openServiceDatabase({url, "", 2}, scope, Durability::kProcessCrashSafe);
    auto setting = [](Database& db) {
      return db.transaction([](Transaction& tx) {
        return tx.execute("SHOW synchronous_commit").one().get<std::string>(0);
      });
    };
    // On disk leaves the server's own setting (durable unless its operator chose
    // otherwise; the test server's is off); relaxed turns the WAL flush wait off.
    const auto serverDefault = onDisk->execute(
        "SELECT boot_val FROM pg_settings WHERE name = 'synchronous_commit'");
    const auto configured = onDisk->execute(
        "SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit'");
    EXPECT_EQ(serverDefault.one().get<std::string>(0), "on");
    EXPECT_EQ(setting(*onDisk), configured.one().get<std::string>(0));
    EXPECT_EQ(setting(*relaxed), "off");
    // Relaxed is still committed: the other handle sees it at once.
    relaxed->execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
    relaxed->transaction([](Transaction& tx) { tx.enqueue("INSERT INTO a VALUES (1)"); });
    EXPECT_EQ(onDisk->execute("SELECT COUNT(*) FROM a").one().get<int>(0), 1);
  }
  makeHarness(Backend::kPostgres)->dropScope(scope);
}

}  // namespace
}  // namespace um::sql::testing

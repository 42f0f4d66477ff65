// The relational store port's contract: every case runs against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store_fixture.hpp"

namespace um::sql::testing {
namespace {

using StoreContractTest = StoreTest;

std::int64_t count(Database& db, const std::string& table) {
  return db.execute("SELECT COUNT(*) FROM " + table).one().get<std::int64_t>(0);
}

TEST_P(StoreContractTest, CommitsWhenWorkReturns) {
  db().execute("CREATE TABLE items (id TEXT PRIMARY KEY, qty BIGINT NOT NULL)");
  db().transaction([](Transaction& tx) {
    tx.execute("INSERT INTO items (id, qty) VALUES ($1, $2)", {std::string("a"), std::int64_t{1}});
    tx.execute("INSERT INTO items (id, qty) VALUES ($1, $2)", {std::string("b"), std::int64_t{2}});
  });
  EXPECT_EQ(count(db(), "items"), 2);
}

TEST_P(StoreContractTest, TransactionHandsBackWhatWorkReturns) {
  const std::int64_t got = db().transaction(
      [](Transaction& tx) { return tx.execute("SELECT 41 + 1").one().get<std::int64_t>(0); });
  EXPECT_EQ(got, 42);
}

TEST_P(StoreContractTest, RollsBackWhenWorkThrows) {
  db().execute("CREATE TABLE items (id TEXT PRIMARY KEY)");
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.execute("INSERT INTO items (id) VALUES ($1)", {std::string("a")});
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(count(db(), "items"), 0);
  // The connection went back to the pool usable, not stuck in the aborted transaction.
  db().transaction([](Transaction& tx) { tx.execute("INSERT INTO items (id) VALUES ('b')"); });
  EXPECT_EQ(count(db(), "items"), 1);
}

TEST_P(StoreContractTest, ConcurrentIncrementsAreExact) {
  db().execute("CREATE TABLE counters (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)");
  db().execute("INSERT INTO counters (id, n) VALUES (1, 0)");
  constexpr int kThreads = 8;
  constexpr int kIncrements = 50;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        db().transaction(
            [](Transaction& tx) { tx.execute("UPDATE counters SET n = n + 1 WHERE id = 1"); });
      }
    });
  }
  threads.clear();
  EXPECT_EQ(db().execute("SELECT n FROM counters WHERE id = 1").one().get<std::int64_t>(0),
            kThreads * kIncrements);
}

// The shape checkout uses to reserve stock: many buyers, a conditional decrement, no locks.
TEST_P(StoreContractTest, ConditionalDecrementNeverOversells) {
  db().execute("CREATE TABLE stock (sku TEXT PRIMARY KEY, n BIGINT NOT NULL)");
  db().execute("INSERT INTO stock (sku, n) VALUES ('sku-1', 100)");
  constexpr int kThreads = 8;
  constexpr int kAttempts = 25;  // 200 buyers for 100 units
  std::atomic<int> sold{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAttempts; ++i) {
        const bool got = db().transaction([](Transaction& tx) {
          return tx.execute("UPDATE stock SET n = n - 1 WHERE sku = $1 AND n > 0",
                            {std::string("sku-1")})
                     .affectedRows == 1;
        });
        if (got) ++sold;
      }
    });
  }
  threads.clear();
  EXPECT_EQ(sold.load(), 100);
  EXPECT_EQ(db().execute("SELECT n FROM stock").one().get<std::int64_t>(0), 0);
}

TEST_P(StoreContractTest, DuplicateKeyIsAUniqueViolation) {
  db().execute("CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE)");
  db().execute("INSERT INTO users (id, email) VALUES ('u1', 'a@example.com')");
  EXPECT_THROW(db().execute("INSERT INTO users (id, email) VALUES ('u2', 'a@example.com')"),
               UniqueViolation);
  EXPECT_THROW(db().execute("INSERT INTO users (id, email) VALUES ('u1', 'b@example.com')"),
               UniqueViolation);
  try {
    db().execute("INSERT INTO users (id, email) VALUES ('u3', 'a@example.com')");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
  }
}

TEST_P(StoreContractTest, IntegerPrimaryKeyDuplicateIsAUniqueViolation) {
  db().execute("CREATE TABLE seq (id INTEGER PRIMARY KEY)");
  db().execute("INSERT INTO seq (id) VALUES (7)");
  EXPECT_THROW(db().execute("INSERT INTO seq (id) VALUES (7)"), UniqueViolation);
}

TEST_P(StoreContractTest, UniqueViolationInsideTransactionRollsItBack) {
  db().execute("CREATE TABLE users (email TEXT PRIMARY KEY)");
  db().execute("INSERT INTO users (email) VALUES ('a@example.com')");
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.execute("INSERT INTO users (email) VALUES ('b@example.com')");
    tx.execute("INSERT INTO users (email) VALUES ('a@example.com')");
  }),
               UniqueViolation);
  EXPECT_EQ(count(db(), "users"), 1);
}

// PostgreSQL refuses every statement after a failed one and turns COMMIT into ROLLBACK;
// SQLite is made to behave the same so code tested on one is right on the other.
TEST_P(StoreContractTest, FailedStatementDoomsTheTransactionEvenIfCaught) {
  db().execute("CREATE TABLE users (email TEXT PRIMARY KEY)");
  db().execute("INSERT INTO users (email) VALUES ('a@example.com')");
  bool laterStatementRefused = false;
  EXPECT_THROW(db().transaction([&](Transaction& tx) {
    tx.execute("INSERT INTO users (email) VALUES ('b@example.com')");
    try {
      tx.execute("INSERT INTO users (email) VALUES ('a@example.com')");
    } catch (const UniqueViolation&) {
    }
    try {
      tx.execute("INSERT INTO users (email) VALUES ('c@example.com')");
    } catch (const StatementError&) {
      laterStatementRefused = true;
    }
  }),
               StatementError);
  EXPECT_TRUE(laterStatementRefused);
  EXPECT_EQ(count(db(), "users"), 1);
}

TEST_P(StoreContractTest, ValuesRoundTrip) {
  db().execute(
      "CREATE TABLE vals (id INTEGER PRIMARY KEY, i BIGINT, b BOOLEAN, t TEXT, d DOUBLE "
      "PRECISION)");
  const std::string text = "it's \"quoted\", ünïcödé ✓; -- not a comment";
  const auto big = std::numeric_limits<std::int64_t>::max();
  const auto small = std::numeric_limits<std::int64_t>::min();
  db().execute("INSERT INTO vals (id, i, b, t, d) VALUES (1, $1, $2, $3, $4)",
               {big, true, text, 2.5});
  db().execute("INSERT INTO vals (id, i, b, t, d) VALUES (2, $1, $2, $3, $4)",
               {small, false, std::string(), -0.125});
  db().execute("INSERT INTO vals (id, i, b, t, d) VALUES (3, $1, $2, $3, $4)",
               {nullptr, nullptr, nullptr, nullptr});

  const auto r = db().execute("SELECT i, b, t, d FROM vals ORDER BY id");
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].get<std::int64_t>("i"), big);
  EXPECT_TRUE(r.rows[0].get<bool>("b"));
  EXPECT_EQ(r.rows[0].get<std::string>("t"), text);
  EXPECT_DOUBLE_EQ(r.rows[0].get<double>("d"), 2.5);

  EXPECT_EQ(r.rows[1].get<std::int64_t>(0), small);
  EXPECT_FALSE(r.rows[1].get<bool>(1));
  EXPECT_EQ(r.rows[1].get<std::optional<std::string>>(2), std::optional<std::string>(""));
  EXPECT_DOUBLE_EQ(r.rows[1].get<double>(3), -0.125);

  for (std::size_t c = 0; c < 4; ++c) EXPECT_TRUE(r.rows[2].isNull(c)) << "column " << c;
  EXPECT_EQ(r.rows[2].get<std::optional<std::int64_t>>("i"), std::nullopt);
  EXPECT_THROW(r.rows[2].get<std::string>("t"), StatementError);
}

TEST_P(StoreContractTest, ParametersWorkInWhereClauses) {
  db().execute("CREATE TABLE flags (id TEXT PRIMARY KEY, on_sale BOOLEAN NOT NULL, n BIGINT)");
  db().execute("INSERT INTO flags VALUES ('a', $1, 1), ('b', $2, 2), ('c', $1, 3)", {true, false});
  const auto r = db().execute("SELECT id FROM flags WHERE on_sale = $1 AND n >= $2 ORDER BY id",
                              {true, std::int64_t{1}});
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].get<std::string>(0), "a");
  EXPECT_EQ(r.rows[1].get<std::string>(0), "c");
}

TEST_P(StoreContractTest, AffectedRowsCountsWritesOnly) {
  db().execute("CREATE TABLE items (id INTEGER PRIMARY KEY, qty BIGINT NOT NULL)");
  EXPECT_EQ(db().execute("INSERT INTO items (id, qty) VALUES (1, 1), (2, 2), (3, 3)").affectedRows,
            3);
  EXPECT_EQ(db().execute("UPDATE items SET qty = qty + 1 WHERE qty >= $1", {std::int64_t{2}})
                .affectedRows,
            2);
  EXPECT_EQ(db().execute("DELETE FROM items WHERE id = 99").affectedRows, 0);
  const auto select = db().execute("SELECT id FROM items");
  EXPECT_EQ(select.rows.size(), 3u);
  EXPECT_EQ(select.affectedRows, 0);
  const auto returning =
      db().execute("INSERT INTO items (id, qty) VALUES (4, 4) RETURNING id, qty");
  EXPECT_EQ(returning.affectedRows, 1);
  EXPECT_EQ(returning.one().get<std::int64_t>("qty"), 4);
  EXPECT_EQ(db().execute("DELETE FROM items").affectedRows, 4);
}

TEST_P(StoreContractTest, UpsertWithOnConflict) {
  db().execute("CREATE TABLE keys (k TEXT PRIMARY KEY, v BIGINT NOT NULL)");
  const char* upsert =
      "INSERT INTO keys (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = keys.v + "
      "excluded.v";
  db().execute(upsert, {std::string("a"), std::int64_t{1}});
  db().execute(upsert, {std::string("a"), std::int64_t{2}});
  EXPECT_EQ(db().execute("SELECT v FROM keys WHERE k = 'a'").one().get<int>(0), 3);
  const auto skipped = db().execute(
      "INSERT INTO keys (k, v) VALUES ('a', 9) ON CONFLICT (k) DO NOTHING RETURNING k");
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(skipped.affectedRows, 0);
}

TEST_P(StoreContractTest, MultiStatementTextRunsEveryStatement) {
  const auto last = db().execute(
      "CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
      "-- a comment between statements\n"
      "INSERT INTO a (id) VALUES (1);\n"
      "INSERT INTO a (id) VALUES (2);\n"
      "SELECT COUNT(*) AS n FROM a;\n");
  EXPECT_EQ(last.one().get<std::int64_t>("n"), 2);
  EXPECT_EQ(count(db(), "a"), 2);
}

TEST_P(StoreContractTest, MultiStatementTextInsideTransactionRollsBackWhole) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.execute("INSERT INTO a (id) VALUES (1); INSERT INTO a (id) VALUES (1);");
  }),
               UniqueViolation);
  EXPECT_EQ(count(db(), "a"), 0);
}

TEST_P(StoreContractTest, EnqueuedStatementsRunInOrderBeforeTheNextExecute) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT)");
  const auto seen = db().transaction([](Transaction& tx) {
    tx.enqueue("INSERT INTO a (id, note) VALUES ($1, $2)", {std::int64_t{1}, std::string("x")});
    tx.enqueue("UPDATE a SET note = $1 WHERE id = $2", {std::string("y"), std::int64_t{1}});
    return tx.execute("SELECT note FROM a WHERE id = $1", {std::int64_t{1}}).one().get<std::string>(0);
  });
  EXPECT_EQ(seen, "y");
  EXPECT_EQ(db().execute("SELECT note FROM a").one().get<std::string>(0), "y");
}

TEST_P(StoreContractTest, AnEnqueueOnlyTransactionCommitsEverything) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT)");
  // Past the queue's byte bound, so it is also sent in more than one round trip.
  const std::string big(4096, 'n');
  db().transaction([&](Transaction& tx) {
    for (std::int64_t i = 0; i < 40; ++i) {
      tx.enqueue("INSERT INTO a (id, note) VALUES ($1, $2)", {i, big});
    }
  });
  EXPECT_EQ(count(db(), "a"), 40);
  db().transaction([](Transaction&) {});  // nothing to send: no round trip, no error
}

TEST_P(StoreContractTest, AFailingEnqueuedStatementRollsBackTheWholeTransaction) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  db().execute("CREATE TABLE b (id INTEGER PRIMARY KEY)");
  db().execute("INSERT INTO a VALUES (7)");
  // Its typed failure surfaces from the commit...
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.execute("INSERT INTO b VALUES (1)");
    tx.enqueue("INSERT INTO a VALUES (7)");
    tx.enqueue("INSERT INTO b VALUES (2)");
  }),
               UniqueViolation);
  // ...or from the next execute, and the statements after it never run.
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.enqueue("INSERT INTO b VALUES (3)");
    tx.enqueue("INSERT INTO a VALUES (7)");
    tx.execute("INSERT INTO b VALUES (4)");
  }),
               UniqueViolation);
  EXPECT_EQ(count(db(), "b"), 0);
  // Work that throws after enqueueing commits nothing.
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.enqueue("INSERT INTO b VALUES (5)");
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(count(db(), "b"), 0);
  EXPECT_EQ(count(db(), "a"), 1);
}

TEST_P(StoreContractTest, ExecuteAllAnswersEachStatementInOrder) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT)");
  db().execute("INSERT INTO a VALUES (1, 'one'), (2, 'two')");
  const auto results = db().executeAll(
      {{"SELECT note FROM a WHERE id = $1", {std::int64_t{2}}},
       {"SELECT COUNT(*) FROM a", {}},
       {"SELECT note FROM a WHERE id > $1 ORDER BY id", {std::int64_t{0}}}});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].one().get<std::string>(0), "two");
  EXPECT_EQ(results[1].one().get<int>(0), 2);
  EXPECT_EQ(results[2].rows.size(), 2u);
  EXPECT_THROW(db().executeAll({{"SELECT 1", {}}, {"SELECT * FROM no_such_table", {}}}),
               StatementError);
  EXPECT_EQ(db().executeAll({{"SELECT COUNT(*) FROM a WHERE id = $1", {std::int64_t{1}}}})
                .front().one().get<int>(0),
            1);
}

TEST_P(StoreContractTest, CommitWithSendsConditionalWritesWithTheCommit) {
  db().execute("CREATE TABLE item (id TEXT PRIMARY KEY, state TEXT, token TEXT)");
  db().execute("CREATE TABLE log (item TEXT, note TEXT)");
  db().execute("INSERT INTO item (id, state) VALUES ('a', 'open')");
  // The change marks the row; the log line is written only where the row carries the mark.
  auto change = [&](const std::string& token) {
    return db().transaction([&](Transaction& tx) {
      const auto results = tx.commitWith(
          {{"UPDATE item SET state = 'closed', token = $1 WHERE id = $2 AND state = 'open'",
            {token, std::string("a")}},
           {"INSERT INTO log (item, note) SELECT $1, $2 "
            "WHERE EXISTS (SELECT 1 FROM item WHERE id = $1 AND token = $3)",
            {std::string("a"), std::string("closed by ") + token, token}}});
      return results.front().affectedRows;
    });
  };
  EXPECT_EQ(change("first"), 1);
  EXPECT_EQ(change("second"), 0);  // moved on already: commits nothing
  EXPECT_EQ(count(db(), "log"), 1);
  EXPECT_EQ(db().execute("SELECT note FROM log").one().get<std::string>(0), "closed by first");

  // Nothing may run after it, and a failure in it rolls everything back.
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.commitWith({{"INSERT INTO log (item, note) VALUES ('b', 'x')", {}}});
    tx.execute("SELECT 1");
  }),
               StatementError);
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.execute("INSERT INTO log (item, note) VALUES ('c', 'x')");
    tx.commitWith({{"INSERT INTO item (id, state) VALUES ('a', 'dup')", {}}});
  }),
               UniqueViolation);
  EXPECT_EQ(db().execute("SELECT COUNT(*) FROM log WHERE item = 'c'").one().get<int>(0), 0);
}

TEST_P(StoreContractTest, ARelaxedTransactionStillCommits) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  const auto setting = db().transaction([](Transaction& tx) {
    // The test server runs without flush waits anyway: turned on here, to be turned off.
    if (tx.dialect() == Dialect::kPostgres) tx.execute("SET LOCAL synchronous_commit TO on");
    tx.relaxDurability();
    tx.enqueue("INSERT INTO a VALUES (1)");
    if (tx.dialect() != Dialect::kPostgres) return std::string("off");
    return tx.execute("SHOW synchronous_commit").one().get<std::string>(0);
  });
  EXPECT_EQ(setting, "off");
  EXPECT_EQ(count(db(), "a"), 1);
}

TEST_P(StoreContractTest, PipelinedStatementsPrepareOnceAndStayUsable) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  // The same new text twice in one round trip, then again in later ones.
  for (std::int64_t round = 0; round < 3; ++round) {
    db().transaction([&](Transaction& tx) {
      tx.enqueue("INSERT INTO a (id) VALUES ($1)", {round * 2});
      tx.enqueue("INSERT INTO a (id) VALUES ($1)", {round * 2 + 1});
    });
  }
  EXPECT_EQ(count(db(), "a"), 6);
  // A statement that cannot be prepared fails in its kind and leaves the connection usable.
  EXPECT_THROW(db().transaction([](Transaction& tx) {
    tx.enqueue("INSERT INTO no_such_table (id) VALUES ($1)", {std::int64_t{1}});
    tx.execute("SELECT COUNT(*) FROM a WHERE id > $1", {std::int64_t{0}});
  }),
               StatementError);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(count(db(), "a"), 6);
}

TEST_P(StoreContractTest, PlaceholderWithoutValueIsAStatementError) {
  EXPECT_THROW(db().execute("SELECT $1 || $2", {std::string("only one")}), StatementError);
  // The connection is still good afterwards.
  EXPECT_EQ(db().execute("SELECT 1").one().get<int>(0), 1);
}

TEST_P(StoreContractTest, BadSqlIsAStatementErrorNotAnOutage) {
  try {
    db().execute("SELEC nonsense");
    FAIL() << "no exception";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInternal);
  }
  EXPECT_THROW(db().execute("SELECT * FROM no_such_table"), StatementError);
  db().ping();
}

TEST_P(StoreContractTest, RowsStayReadableAfterTheResultMoves) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT)");
  db().execute("INSERT INTO a VALUES (1, 'one')");
  std::vector<Result> kept;
  kept.push_back(db().execute("SELECT id, name FROM a"));
  kept.reserve(64);  // reallocates: every Result moves
  const Row row = kept.front().one();
  kept.clear();
  EXPECT_EQ(row.get<std::string>("name"), "one");
}

TEST_P(StoreContractTest, ScopesAreIsolated) {
  db().execute("CREATE TABLE secrets (v TEXT)");
  db().execute("INSERT INTO secrets VALUES ('mine')");
  auto other = openScope(uniqueScope());
  EXPECT_THROW(other->execute("SELECT v FROM secrets"), StatementError);
  other->execute("CREATE TABLE secrets (v TEXT)");
  EXPECT_EQ(count(*other, "secrets"), 0);
  EXPECT_EQ(count(db(), "secrets"), 1);
}

TEST_P(StoreContractTest, SecondHandleOnTheSameScopeSeesCommittedData) {
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  db().execute("INSERT INTO a VALUES (1)");
  auto again = openScope(db().scope());
  EXPECT_EQ(count(*again, "a"), 1);
}

TEST_P(StoreContractTest, ReportsItsDialectAndScope) {
  EXPECT_EQ(db().dialect(), GetParam() == Backend::kSqlite ? Dialect::kSqlite : Dialect::kPostgres);
  EXPECT_TRUE(db().scope().starts_with("t_"));
  db().transaction([&](Transaction& tx) { EXPECT_EQ(tx.dialect(), db().dialect()); });
  db().ping();
}

TEST_P(StoreContractTest, RefusesAScopeNameThatIsNotAnIdentifier) {
  for (const char* bad : {"", "Users", "a-b", "x;drop", "../etc", "1abc", "pg_catalog"}) {
    EXPECT_THROW(harness().open(bad), StatementError) << bad;
  }
}

TEST_P(StoreContractTest, ReservedWordsWorkAsScopes) {
  // "user" and "order" are services, and reserved words in PostgreSQL. Not dropped
  // afterwards: the real service may live there; only the probe goes.
  const std::string probe = uniqueScope();
  auto order = harness().open("order");
  order->execute("CREATE TABLE " + probe + " (id INTEGER PRIMARY KEY)");
  EXPECT_EQ(order->scope(), "order");
  order->execute("DROP TABLE " + probe);
}

TEST_P(StoreContractTest, LostConnectionsAreReplaced) {
  if (!harness().canKillConnections()) GTEST_SKIP() << "no server connections to lose";
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  // Several pooled connections, so every one of them is found dead in turn.
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back(
        [&] { db().transaction([](Transaction& tx) { tx.execute("SELECT pg_sleep(0.05)"); }); });
  }
  threads.clear();

  harness().killConnections();
  db().execute("INSERT INTO a VALUES (1)");
  harness().killConnections();
  db().transaction([](Transaction& tx) { tx.execute("INSERT INTO a VALUES (2)"); });
  harness().killConnections();
  db().ping();
  EXPECT_EQ(count(db(), "a"), 2);
}

TEST_P(StoreContractTest, AConnectionLostBeforeBeginRunsTheWorkAgainOnAFreshOne) {
  if (!harness().canKillConnections()) GTEST_SKIP() << "no server connections to lose";
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  int runs = 0;
  db().transaction([&](Transaction& tx) {
    // The first run's BEGIN travels with this statement, on a connection killed just now.
    if (++runs == 1) harness().killConnections();
    tx.execute("INSERT INTO a VALUES (1)");
  });
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(count(db(), "a"), 1);
}

TEST_P(StoreContractTest, ConnectionLostMidTransactionIsStoreUnavailable) {
  if (!harness().canKillConnections()) GTEST_SKIP() << "no server connections to lose";
  db().execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
  EXPECT_THROW(db().transaction([&](Transaction& tx) {
    tx.execute("INSERT INTO a VALUES (1)");
    harness().killConnections();
    tx.execute("INSERT INTO a VALUES (2)");
  }),
               StoreUnavailable);
  EXPECT_EQ(count(db(), "a"), 0);
}

UM_INSTANTIATE_STORE_SUITE(StoreContractTest);

}  // namespace
}  // namespace um::sql::testing

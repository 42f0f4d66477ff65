// The key-value port's contract, run against the embedded adapter on SQLite and on
// PostgreSQL (UM_TEST_DATABASE_URL). The Redis adapter will join the same suite.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "../../sql/store_fixture.hpp"
#include "adapters/kv/sql/expiry_sweeper.hpp"
#include "adapters/kv/sql/sql_kv_store.hpp"
#include "adapters/sql/migrations.hpp"

namespace um::kv {
namespace {

using std::chrono::seconds;

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(seconds d) { now_ = now_.load() + d; }

 private:
  std::atomic<TimePoint> now_{TimePoint{} + seconds(1'800'000'000)};
};

class KvStoreContractTest : public sql::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    // The table as production creates it: through the cart service's migration.
    sql::applyMigrations(db(),
                         sql::migrationsFor("cart", db().dialect(), sql::embeddedMigrationFiles()));
    kv_ = std::make_unique<SqlKvStore>(db(), clock_);
  }
  void TearDown() override {
    kv_.reset();
    StoreTest::TearDown();
  }

  // A second handle on the same store, as another process (or replica) would have.
  std::unique_ptr<sql::Database> openScopeAgain() { return openScope(db().scope()); }

  std::int64_t rows() { return db().execute("SELECT COUNT(*) FROM kv").one().get<std::int64_t>(0); }

  FakeClock clock_;
  std::unique_ptr<SqlKvStore> kv_;
};

TEST_P(KvStoreContractTest, AMissingKeyReadsAsNothing) {
  EXPECT_FALSE(kv_->get("nope"));
  EXPECT_FALSE(kv_->remove("nope"));
}

TEST_P(KvStoreContractTest, SetThenGetReturnsTheValueAndAVersion) {
  const auto v1 = kv_->set("k", "{\"a\":1}", std::nullopt);
  const auto got = kv_->get("k");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->value, "{\"a\":1}");
  EXPECT_EQ(got->version, v1);
  EXPECT_NE(v1, kAbsent);
  const auto v2 = kv_->set("k", "second", std::nullopt);
  EXPECT_NE(v2, v1);
  EXPECT_EQ(kv_->get("k")->value, "second");
}

TEST_P(KvStoreContractTest, ValuesKeepUnicodeAndQuotes) {
  const std::string value = "ünïcødé 'quoted' \"double\" \\ 🛒";
  kv_->set("k", value, std::nullopt);
  EXPECT_EQ(kv_->get("k")->value, value);
}

TEST_P(KvStoreContractTest, CreateIfAbsentSucceedsOnce) {
  const auto first = kv_->compareAndSet("k", "a", kAbsent, std::nullopt);
  ASSERT_TRUE(first);
  EXPECT_FALSE(kv_->compareAndSet("k", "b", kAbsent, std::nullopt));
  EXPECT_EQ(kv_->get("k")->value, "a");
}

TEST_P(KvStoreContractTest, AStaleVersionIsRefusedAndWritesNothing) {
  const auto v1 = *kv_->compareAndSet("k", "a", kAbsent, std::nullopt);
  const auto v2 = kv_->compareAndSet("k", "b", v1, std::nullopt);
  ASSERT_TRUE(v2);
  EXPECT_FALSE(kv_->compareAndSet("k", "c", v1, std::nullopt));
  EXPECT_EQ(kv_->get("k")->value, "b");
  EXPECT_EQ(kv_->get("k")->version, *v2);
  EXPECT_FALSE(kv_->compareAndSet("missing", "x", v1, std::nullopt));
}

TEST_P(KvStoreContractTest, AnExpiredKeyBehavesAsMissing) {
  const auto v = kv_->set("k", "a", seconds(60));
  clock_.advance(seconds(59));
  EXPECT_TRUE(kv_->get("k"));
  clock_.advance(seconds(1));
  EXPECT_FALSE(kv_->compareAndSet("k", "b", v, seconds(60)));  // expired: not at v any more
  EXPECT_FALSE(kv_->compareAndRemove("k", v));
  EXPECT_FALSE(kv_->remove("k"));
  EXPECT_FALSE(kv_->get("k"));
  EXPECT_TRUE(kv_->compareAndSet("k", "fresh", kAbsent, seconds(60)));  // and may be created again
  EXPECT_EQ(kv_->get("k")->value, "fresh");
}

TEST_P(KvStoreContractTest, ReadingAnExpiredKeyDeletesIt) {
  kv_->set("k", "a", seconds(10));
  clock_.advance(seconds(11));
  EXPECT_EQ(rows(), 1);
  EXPECT_FALSE(kv_->get("k"));
  EXPECT_EQ(rows(), 0);
}

TEST_P(KvStoreContractTest, EveryWriteSetsTheTtlAgain) {
  auto v = kv_->set("k", "a", seconds(100));
  clock_.advance(seconds(90));
  v = *kv_->compareAndSet("k", "b", v, seconds(100));  // refreshed: 100 s from now
  clock_.advance(seconds(90));
  EXPECT_TRUE(kv_->get("k"));
  kv_->set("k", "c", std::nullopt);  // no TTL: persists
  clock_.advance(seconds(1'000'000));
  EXPECT_EQ(kv_->get("k")->value, "c");
}

TEST_P(KvStoreContractTest, CompareAndRemoveNeedsTheCurrentVersion) {
  const auto v1 = kv_->set("k", "a", std::nullopt);
  const auto v2 = kv_->set("k", "b", std::nullopt);
  EXPECT_FALSE(kv_->compareAndRemove("k", v1));
  EXPECT_TRUE(kv_->get("k"));
  EXPECT_TRUE(kv_->compareAndRemove("k", v2));
  EXPECT_FALSE(kv_->get("k"));
  EXPECT_FALSE(kv_->compareAndRemove("k", v2));
}

TEST_P(KvStoreContractTest, RemoveDeletesALiveKey) {
  kv_->set("k", "a", seconds(60));
  EXPECT_TRUE(kv_->remove("k"));
  EXPECT_FALSE(kv_->get("k"));
}

TEST_P(KvStoreContractTest, TheSweeperPurgesOnlyExpiredKeys) {
  for (int i = 0; i < 5; ++i) kv_->set("short-" + std::to_string(i), "x", seconds(10));
  kv_->set("long", "x", seconds(1000));
  kv_->set("forever", "x", std::nullopt);
  clock_.advance(seconds(11));
  ExpirySweeper sweeper(*kv_, std::chrono::milliseconds(60'000));
  EXPECT_EQ(sweeper.sweepOnce(), 5);
  EXPECT_EQ(rows(), 2);
  EXPECT_TRUE(kv_->get("long"));
  EXPECT_TRUE(kv_->get("forever"));
}

TEST_P(KvStoreContractTest, AnotherHandleSeesTheSameKeys) {
  auto other = openScopeAgain();
  SqlKvStore second(*other, clock_);
  const auto v = kv_->set("k", "a", std::nullopt);
  EXPECT_EQ(second.get("k")->version, v);
  EXPECT_TRUE(second.compareAndSet("k", "b", v, std::nullopt));
  EXPECT_FALSE(kv_->compareAndSet("k", "c", v, std::nullopt));
}

// The reason the port has versions: read-modify-write from many threads (two handles, as
// two processes would) never loses an increment.
TEST_P(KvStoreContractTest, ConcurrentCompareAndSetNeverLosesAnIncrement) {
  auto other = openScopeAgain();
  SqlKvStore second(*other, clock_);
  kv_->set("counter", "0", seconds(3600));
  constexpr int kThreads = 8;
  constexpr int kIncrements = 40;
  std::atomic<int> conflicts{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    KvStore& store = t % 2 == 0 ? static_cast<KvStore&>(*kv_) : second;
    threads.emplace_back([&store, &conflicts] {
      for (int i = 0; i < kIncrements; ++i) {
        for (;;) {
          const auto entry = store.get("counter");
          const auto next = std::to_string(std::stoi(entry->value) + 1);
          if (store.compareAndSet("counter", next, entry->version, seconds(3600))) break;
          ++conflicts;
        }
      }
    });
  }
  threads.clear();
  EXPECT_EQ(kv_->get("counter")->value, std::to_string(kThreads * kIncrements));
  // Not asserted (scheduling decides), but shown: the test only means something with races.
  RecordProperty("conflicts", conflicts.load());
}

TEST_P(KvStoreContractTest, ConcurrentCreatesLetExactlyOneWin) {
  constexpr int kThreads = 8;
  std::atomic<int> winners{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t, &winners] {
      if (kv_->compareAndSet("once", std::to_string(t), kAbsent, std::nullopt)) ++winners;
    });
  }
  threads.clear();
  EXPECT_EQ(winners.load(), 1);
}

UM_INSTANTIATE_STORE_SUITE(KvStoreContractTest);

}  // namespace
}  // namespace um::kv

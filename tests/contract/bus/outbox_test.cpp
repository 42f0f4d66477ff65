// The outbox, the relay and markProcessed against the real stores: SQLite always,
// PostgreSQL when UM_TEST_DATABASE_URL names a server (scripts/pg-test-server.sh).

#include "adapters/bus/outbox.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "adapters/bus/consumer.hpp"
#include "adapters/bus/inprocess/in_process_bus.hpp"
#include "adapters/sql/connect.hpp"
#include "core/ids.hpp"

namespace um::bus {
namespace {

namespace fs = std::filesystem;

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(std::chrono::milliseconds d) { now_ = now_.load() + d; }

 private:
  std::atomic<TimePoint> now_{std::chrono::system_clock::now()};
};

// Collects what a subscriber received, and lets a test wait for it without sleeping blind.
class Received {
 public:
  void add(const Event& e) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(e);
    }
    changed_.notify_all();
  }
  std::vector<Event> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& e : events()) out.push_back(e.id);
    return out;
  }
  bool waitForCount(std::size_t n, std::chrono::seconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return events_.size() >= n; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Event> events_;
};

// Polls `condition` until it holds or the timeout passes; for state only the store shows.
template <typename F>
bool waitUntil(F condition, std::chrono::seconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

class OutboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const char* url = std::getenv("UM_TEST_DATABASE_URL");
      if (url == nullptr || *url == '\0') GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
      options_.databaseUrl = url;
    } else {
      dataDir_ = fs::temp_directory_path() / ("um-outbox-" + newId());
      fs::create_directories(dataDir_);
      options_.dataDir = dataDir_.string();
    }
    producer_ = open("producer");
    consumer_ = open("consumer");
  }

  void TearDown() override {
    producer_.reset();
    consumer_.reset();
    if (!dataDir_.empty()) fs::remove_all(dataDir_);
  }

  // A scope of its own per test, so runs against one PostgreSQL server never meet.
  std::unique_ptr<sql::Database> open(const std::string& role) {
    std::string id = newId();
    std::erase(id, '-');
    auto db = sql::openServiceDatabase(options_, "bus_" + role + "_" + id);
    Outbox::ensureSchema(*db);
    return db;
  }

  std::string appendCommitted(const std::string& type, const std::string& aggregateId, int n = 0) {
    return producer_->transaction([&](sql::Transaction& tx) {
      return Outbox::append(tx, type, aggregateId, {{"n", n}});
    });
  }

  std::int64_t pendingCount() {
    return producer_->execute("SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL")
        .one()
        .get<std::int64_t>("n");
  }

  sql::StoreOptions options_;
  fs::path dataDir_;
  std::unique_ptr<sql::Database> producer_;
  std::unique_ptr<sql::Database> consumer_;
  InProcessBus bus_;
};

TEST_P(OutboxTest, SchemaCreationIsIdempotent) {
  EXPECT_NO_THROW(Outbox::ensureSchema(*producer_));
  EXPECT_NO_THROW(Outbox::ensureSchema(*producer_));
}

TEST_P(OutboxTest, EventAppendedInRolledBackTransactionIsNeverPublished) {
  Received received;
  bus_.subscribe("orders", {"order"}, [&](const Event& e) { received.add(e); });
  bus_.start();

  EXPECT_THROW(producer_->transaction([&](sql::Transaction& tx) {
    Outbox::append(tx, "order.created", "order-1", {{"total", 100}});
    throw std::runtime_error("payment provider said no");
  }),
               std::runtime_error);

  OutboxRelay relay(*producer_, bus_);
  EXPECT_EQ(relay.drainOnce(), 0);
  EXPECT_TRUE(received.events().empty());
  EXPECT_EQ(producer_->execute("SELECT COUNT(*) AS n FROM outbox").one().get<int>("n"), 0);
}

TEST_P(OutboxTest, CommittedEventIsPublishedExactlyOnceWithItsFields) {
  Received received;
  bus_.subscribe("orders", {"order"}, [&](const Event& e) { received.add(e); });
  bus_.start();
  const std::string id = producer_->transaction([&](sql::Transaction& tx) {
    return Outbox::append(tx, "order.paid", "order-42", {{"total", 1999}, {"currency", "EUR"}});
  });

  OutboxRelay relay(*producer_, bus_);
  EXPECT_EQ(relay.drainOnce(), 1);
  EXPECT_EQ(relay.drainOnce(), 0);

  const auto events = received.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].id, id);
  EXPECT_EQ(events[0].type, "order.paid");
  EXPECT_EQ(events[0].aggregateId, "order-42");
  EXPECT_EQ(nlohmann::json::parse(events[0].payload),
            (nlohmann::json{{"total", 1999}, {"currency", "EUR"}}));
  EXPECT_TRUE(parseRfc3339(events[0].occurredAt).has_value()) << events[0].occurredAt;
  EXPECT_EQ(pendingCount(), 0);
}

TEST_P(OutboxTest, FailedDeliveryIsRetriedAndIdempotentConsumerAppliesEffectOnce) {
  // The "stock" consumer handles the event and records it; the "mailer" fails the first
  // time, so the whole event is delivered again and "stock" must not apply it twice.
  consumer_->execute("CREATE TABLE stock_moves (event_id TEXT NOT NULL, qty BIGINT NOT NULL)");
  std::atomic<int> stockCalls{0};
  bus_.subscribe("stock", {"order"}, [&](const Event& e) {
    ++stockCalls;
    consumer_->transaction([&](sql::Transaction& tx) {
      if (!markProcessed(tx, "stock", e.id)) return;
      tx.execute("INSERT INTO stock_moves (event_id, qty) VALUES ($1, $2)",
                 {e.id, std::int64_t{-2}});
    });
  });
  std::atomic<int> mailerCalls{0};
  bus_.subscribe("mailer", {"order"}, [&](const Event&) {
    if (++mailerCalls == 1) throw std::runtime_error("smtp down");
  });
  bus_.start();
  appendCommitted("order.paid", "order-7");

  OutboxRelay relay(*producer_, bus_);
  EXPECT_THROW(relay.drainOnce(), std::runtime_error);
  EXPECT_EQ(pendingCount(), 1);  // not marked: it will come again
  EXPECT_EQ(relay.drainOnce(), 1);
  EXPECT_EQ(relay.drainOnce(), 0);

  EXPECT_EQ(stockCalls.load(), 2);
  EXPECT_EQ(mailerCalls.load(), 2);
  EXPECT_EQ(consumer_->execute("SELECT COUNT(*) AS n FROM stock_moves").one().get<int>("n"), 1);
}

TEST_P(OutboxTest, MarkProcessedIsTrueOnlyTheFirstTimeAndRollsBackWithTheEffect) {
  EXPECT_THROW(consumer_->transaction([&](sql::Transaction& tx) {
    EXPECT_TRUE(markProcessed(tx, "search", "evt-1"));
    throw std::runtime_error("index down");
  }),
               std::runtime_error);
  consumer_->transaction([&](sql::Transaction& tx) {
    EXPECT_TRUE(markProcessed(tx, "search", "evt-1"));  // the failed attempt left no mark
    EXPECT_FALSE(markProcessed(tx, "search", "evt-1"));
    EXPECT_TRUE(markProcessed(tx, "analytics", "evt-1"));  // per consumer
  });
  consumer_->transaction(
      [&](sql::Transaction& tx) { EXPECT_FALSE(markProcessed(tx, "search", "evt-1")); });
}

TEST_P(OutboxTest, PurgeForgetsOnlyOldProcessedEvents) {
  consumer_->transaction([&](sql::Transaction& tx) { markProcessed(tx, "search", "evt-1"); });
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(purgeProcessedEvents(*consumer_, now - std::chrono::hours(1)), 0);
  EXPECT_EQ(purgeProcessedEvents(*consumer_, now + std::chrono::hours(1)), 1);
  consumer_->transaction(
      [&](sql::Transaction& tx) { EXPECT_TRUE(markProcessed(tx, "search", "evt-1")); });
}

TEST_P(OutboxTest, PublishesInAppendOrderAcrossBatches) {
  Received received;
  bus_.subscribe("all", {"order", "product"}, [&](const Event& e) { received.add(e); });
  bus_.start();
  std::vector<std::string> appended;
  for (int i = 0; i < 25; ++i) {
    appended.push_back(appendCommitted(i % 3 ? "order.updated" : "product.updated",
                                       "agg-" + std::to_string(i % 4), i));
  }
  OutboxRelay relay(*producer_, bus_, RelayOptions{.batchSize = 7});
  EXPECT_EQ(relay.drainOnce(), 25);
  EXPECT_EQ(received.ids(), appended);
}

TEST_P(OutboxTest, FailureStopsTheBatchSoLaterEventsNeverOvertake) {
  Received received;
  std::atomic<bool> failOnSecond{true};
  bus_.subscribe("orders", {"order"}, [&](const Event& e) {
    if (failOnSecond && nlohmann::json::parse(e.payload)["n"] == 2) {
      throw std::runtime_error("not now");
    }
    received.add(e);
  });
  bus_.start();
  const auto first = appendCommitted("order.created", "order-1", 1);
  const auto second = appendCommitted("order.paid", "order-1", 2);
  const auto third = appendCommitted("order.shipped", "order-1", 3);

  OutboxRelay relay(*producer_, bus_);
  EXPECT_THROW(relay.drainOnce(), std::runtime_error);
  EXPECT_EQ(received.ids(), std::vector<std::string>{first});
  EXPECT_EQ(pendingCount(), 2);

  failOnSecond = false;
  EXPECT_EQ(relay.drainOnce(), 2);
  EXPECT_EQ(received.ids(), (std::vector<std::string>{first, second, third}));
}

TEST_P(OutboxTest, BackgroundRelayPublishesPromptlyWhenWoken) {
  Received received;
  bus_.subscribe("orders", {"order"}, [&](const Event& e) { received.add(e); });
  bus_.start();
  // An hour between polls: only wake() can explain a prompt delivery.
  OutboxRelay relay(*producer_, bus_, RelayOptions{.pollInterval = std::chrono::hours(1)});
  relay.start();
  // Its first round takes the lease, finds nothing and goes to sleep for the hour.
  ASSERT_TRUE(waitUntil([&] {
    return producer_->execute("SELECT holder FROM outbox_lease").one().get<std::string>(0) != "";
  }));
  const auto id = appendCommitted("order.created", "order-1");
  relay.wake();
  ASSERT_TRUE(received.waitForCount(1));
  EXPECT_EQ(received.ids(), std::vector<std::string>{id});
  relay.stop();
  EXPECT_EQ(pendingCount(), 0);
}

TEST_P(OutboxTest, BackgroundRelayRetriesWithBackoffUntilTheConsumerRecovers) {
  Received received;
  std::atomic<int> attempts{0};
  bus_.subscribe("orders", {"order"}, [&](const Event& e) {
    if (++attempts <= 3) throw std::runtime_error("consumer down");
    received.add(e);
  });
  bus_.start();
  appendCommitted("order.created", "order-1");
  OutboxRelay relay(*producer_, bus_,
                    RelayOptions{.pollInterval = std::chrono::hours(1),
                                 .initialBackoff = std::chrono::milliseconds(5),
                                 .maxBackoff = std::chrono::milliseconds(20)});
  relay.start();
  ASSERT_TRUE(received.waitForCount(1));
  relay.stop();
  EXPECT_EQ(attempts.load(), 4);
  EXPECT_EQ(received.events().size(), 1u);
  EXPECT_EQ(pendingCount(), 0);
}

TEST_P(OutboxTest, EventsFromConcurrentTransactionsAreEachPublishedOnce) {
  Received received;
  bus_.subscribe("orders", {"order"}, [&](const Event& e) { received.add(e); });
  bus_.start();
  OutboxRelay relay(*producer_, bus_, RelayOptions{.pollInterval = std::chrono::milliseconds(5)});
  relay.start();

  constexpr int kWriters = 4;
  constexpr int kPerWriter = 25;
  std::vector<std::thread> writers;
  std::mutex appendedMutex;
  std::vector<std::string> appended;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        const auto id = appendCommitted("order.updated", "order-" + std::to_string(w), i);
        {
          std::lock_guard lock(appendedMutex);
          appended.push_back(id);
        }
        relay.wake();
      }
    });
  }
  for (auto& w : writers) w.join();
  ASSERT_TRUE(received.waitForCount(kWriters * kPerWriter));
  relay.stop();

  auto ids = received.ids();
  EXPECT_EQ(ids.size(), appended.size());
  // Per aggregate, the order of appends is the order of delivery.
  for (int w = 0; w < kWriters; ++w) {
    int last = -1;
    for (const auto& e : received.events()) {
      if (e.aggregateId != "order-" + std::to_string(w)) continue;
      const int n = nlohmann::json::parse(e.payload)["n"];
      EXPECT_EQ(n, last + 1) << e.aggregateId;
      last = n;
    }
  }
  std::sort(ids.begin(), ids.end());
  std::sort(appended.begin(), appended.end());
  EXPECT_EQ(ids, appended);
}

TEST_P(OutboxTest, OnlyTheLeaseHolderPublishesUntilItStopsOrItsLeaseExpires) {
  Received received;
  bus_.subscribe("orders", {"order"}, [&](const Event& e) { received.add(e); });
  bus_.start();
  FakeClock clock;
  const auto replica = [&](std::string name) {
    return std::make_unique<OutboxRelay>(
        *producer_, bus_,
        RelayOptions{.leaseDuration = std::chrono::seconds(30), .holder = std::move(name)}, clock);
  };
  auto replicaA = replica("pod-a");
  auto replicaBOwner = replica("pod-b");
  OutboxRelay& replicaB = *replicaBOwner;

  appendCommitted("order.created", "order-1", 1);
  EXPECT_EQ(replicaA->drainOnce(), 1);
  appendCommitted("order.paid", "order-1", 2);
  EXPECT_EQ(replicaB.drainOnce(), 0);  // A holds the lease
  EXPECT_EQ(replicaA->drainOnce(), 1);

  // A vanishes without releasing (a killed pod): B takes over once the lease runs out.
  appendCommitted("order.shipped", "order-1", 3);
  clock.advance(std::chrono::seconds(29));
  EXPECT_EQ(replicaB.drainOnce(), 0);
  clock.advance(std::chrono::seconds(2));
  EXPECT_EQ(replicaB.drainOnce(), 1);

  // A stop() hands the lease over at once.
  replicaB.stop();
  appendCommitted("order.delivered", "order-1", 4);
  EXPECT_EQ(replica("pod-c")->drainOnce(), 1);
  EXPECT_EQ(received.events().size(), 4u);
}

TEST_P(OutboxTest, RestartedProcessTakesItsLeaseBackAtOnce) {
  // A killed process never releases its lease. The same host starting again must not wait
  // for it to expire, or every crash would delay all events by the lease duration.
  Received received;
  bus_.subscribe("orders", {"order"}, [&](const Event& e) { received.add(e); });
  bus_.start();
  std::string host;
  {
    OutboxRelay beforeCrash(*producer_, bus_);
    appendCommitted("order.created", "order-1");
    EXPECT_EQ(beforeCrash.drainOnce(), 1);
    host = producer_->execute("SELECT holder FROM outbox_lease").one().get<std::string>(0);
  }
  EXPECT_FALSE(host.empty());
  // What the killed process left behind: the lease, taken for an hour yet.
  producer_->execute(
      "UPDATE outbox_lease SET holder = $1, expires_at = $2",
      {host, formatRfc3339(std::chrono::system_clock::now() + std::chrono::hours(1))});
  appendCommitted("order.paid", "order-1");

  OutboxRelay otherHost(*producer_, bus_, RelayOptions{.holder = host + "-other"});
  EXPECT_EQ(otherHost.drainOnce(), 0);
  OutboxRelay afterRestart(*producer_, bus_);
  EXPECT_EQ(afterRestart.drainOnce(), 1);
  EXPECT_EQ(received.events().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Stores, OutboxTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace um::bus

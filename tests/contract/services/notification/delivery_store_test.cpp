// The notification service's delivery queue on its real SQL store, SQLite and PostgreSQL:
// what the dispatcher claims, in which order, and that two dispatchers never share a
// delivery.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "../product/store_fixture.hpp"
#include "services/notification/store/sql_delivery_store.hpp"

namespace um::notification {
namespace {

// Fixed-width RFC 3339 stamps, as the service writes them.
std::string at(int second) {
  char text[48];
  std::snprintf(text, sizeof text, "2026-01-01T00:%02d:%02d.000Z", second / 60, second % 60);
  return text;
}

class DeliveryStoreTest : public um::testing::ServiceStoreTest {
 protected:
  void SetUp() override {
    db_ = openStore("notification");
    if (!db_) GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
    store_ = std::make_unique<SqlDeliveryStore>(*db_);
  }

  // Queues one delivery due at `dueSecond`, as the consumer would for one event.
  std::string queue(int dueSecond) {
    Delivery d;
    d.id = newId();
    d.eventId = newId();
    d.eventType = "order.paid";
    d.templateName = "order_paid";
    d.recipient = "buyer@example.com";
    d.subject = "Thank you";
    d.textBody = "text";
    d.htmlBody = "<p>html</p>";
    d.nextAttemptAt = at(dueSecond);
    d.createdAt = at(0);
    EXPECT_TRUE(store_->enqueue("notification", d.eventId, {d}));
    return d.id;
  }

  static std::vector<std::string> ids(const std::vector<Delivery>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.id);
    return out;
  }

  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<SqlDeliveryStore> store_;
};

TEST_P(DeliveryStoreTest, ClaimsTheDueDeliveriesOldestFirstUpToTheLimit) {
  const auto third = queue(30);
  const auto first = queue(10);
  queue(500);  // not due yet
  const auto second = queue(20);
  const auto fourth = queue(40);

  EXPECT_EQ(ids(store_->claimDue(at(100), at(200), 3)), (std::vector{first, second, third}));
  // Claimed ones are not handed out again while their claim holds; the not-yet-due one waits.
  EXPECT_EQ(ids(store_->claimDue(at(100), at(200), 3)), (std::vector{fourth}));
  EXPECT_TRUE(store_->claimDue(at(150), at(250), 3).empty());
  // A claim whose holder died runs out, and the delivery is tried again.
  EXPECT_EQ(ids(store_->claimDue(at(201), at(300), 10)), (std::vector{first, second, third, fourth}));
}

TEST_P(DeliveryStoreTest, ARecordedOutcomeReleasesTheClaim) {
  const auto sent = queue(10);
  const auto failed = queue(11);
  ASSERT_EQ(store_->claimDue(at(100), at(200), 10).size(), 2u);
  store_->record({sent, DeliveryStatus::kSent, 1, at(101), "", std::nullopt, "mailbox", false});
  store_->record({failed, DeliveryStatus::kFailed, 1, at(101), at(120), "timeout", "mailbox", false});

  EXPECT_TRUE(store_->claimDue(at(119), at(300), 10).empty()) << "the retry is not due yet";
  const auto retry = store_->claimDue(at(120), at(300), 10);
  ASSERT_EQ(ids(retry), (std::vector{failed}));
  EXPECT_EQ(retry.front().attempts, 1);
  EXPECT_EQ(retry.front().status, DeliveryStatus::kFailed);
}

TEST_P(DeliveryStoreTest, ConcurrentDispatchersNeverClaimTheSameDelivery) {
  constexpr int kDeliveries = 120;
  constexpr int kDispatchers = 4;
  for (int i = 0; i < kDeliveries; ++i) queue(i % 60);

  std::vector<std::vector<std::string>> claimedBy(kDispatchers);
  std::atomic<bool> go{false};
  std::vector<std::thread> dispatchers;
  for (int t = 0; t < kDispatchers; ++t) {
    dispatchers.emplace_back([&, t] {
      while (!go) std::this_thread::yield();
      while (true) {
        const auto batch = store_->claimDue(at(100), at(200), 7);
        if (batch.empty()) break;
        for (const auto& d : batch) claimedBy[t].push_back(d.id);
      }
    });
  }
  go = true;
  for (auto& d : dispatchers) d.join();

  std::set<std::string> unique;
  std::size_t total = 0;
  for (const auto& mine : claimedBy) {
    total += mine.size();
    unique.insert(mine.begin(), mine.end());
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kDeliveries)) << "a delivery claimed twice, or missed";
  EXPECT_EQ(unique.size(), static_cast<std::size_t>(kDeliveries));
}

INSTANTIATE_TEST_SUITE_P(Stores, DeliveryStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace um::notification

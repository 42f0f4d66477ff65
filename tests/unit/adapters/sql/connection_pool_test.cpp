#include "adapters/sql/connection_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

namespace um::sql {
namespace {

using namespace std::chrono_literals;

struct FakeConnection {
  int id;
  bool reusable_ = true;
  bool reusable() const { return reusable_; }
};

class ConnectionPoolTest : public ::testing::Test {
 protected:
  ConnectionPool<FakeConnection> makePool(std::size_t size, std::chrono::milliseconds wait = 1s) {
    return ConnectionPool<FakeConnection>(
        [this] {
          if (failOpen_) throw StoreUnavailable("down");
          return std::make_unique<FakeConnection>(FakeConnection{++opened_});
        },
        size, wait);
  }
  std::atomic<int> opened_{0};
  std::atomic<bool> failOpen_{false};
};

TEST_F(ConnectionPoolTest, OpensLazilyAndReusesIdleConnections) {
  auto pool = makePool(4);
  EXPECT_EQ(opened_, 0);
  { auto a = pool.acquire(); }
  {
    auto b = pool.acquire();
    EXPECT_EQ(b->id, 1);
  }
  EXPECT_EQ(opened_, 1);
}

TEST_F(ConnectionPoolTest, GrowsUpToItsBoundThenTimesOut) {
  auto pool = makePool(2, 50ms);
  auto a = pool.acquire();
  auto b = pool.acquire();
  EXPECT_EQ(opened_, 2);
  EXPECT_THROW(pool.acquire(), StoreUnavailable);
}

TEST_F(ConnectionPoolTest, AWaiterGetsTheConnectionHandedBack) {
  auto pool = makePool(1, 5s);
  std::optional<ConnectionPool<FakeConnection>::Lease> held(pool.acquire());
  std::jthread releaser([&] {
    std::this_thread::sleep_for(20ms);
    held.reset();
  });
  auto next = pool.acquire();
  EXPECT_EQ(next->id, 1);
}

TEST_F(ConnectionPoolTest, DiscardedAndUnreusableConnectionsFreeTheirSlot) {
  auto pool = makePool(1, 50ms);
  {
    auto a = pool.acquire();
    a.discard();
  }
  {
    auto b = pool.acquire();
    EXPECT_EQ(b->id, 2);
    b->reusable_ = false;
  }
  auto c = pool.acquire();
  EXPECT_EQ(c->id, 3);
}

TEST_F(ConnectionPoolTest, DiscardIdleClosesOnlyIdleConnections) {
  auto pool = makePool(2);
  auto busy = pool.acquire();
  { auto idle = pool.acquire(); }
  pool.discardIdle();
  auto fresh = pool.acquire();
  EXPECT_EQ(fresh->id, 3);
  EXPECT_EQ(busy->id, 1);
}

TEST_F(ConnectionPoolTest, AFailedOpenGivesItsSlotBack) {
  auto pool = makePool(1, 50ms);
  failOpen_ = true;
  EXPECT_THROW(pool.acquire(), StoreUnavailable);
  failOpen_ = false;
  EXPECT_NO_THROW(pool.acquire());
}

}  // namespace
}  // namespace um::sql

#include "adapters/cache/inprocess/lru_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace um::cache {
namespace {

using std::chrono::seconds;

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(std::chrono::milliseconds d) { now_ = now_.load() + d; }

 private:
  std::atomic<TimePoint> now_{TimePoint{} + std::chrono::hours(24 * 365 * 50)};
};

constexpr seconds kLong{3600};

TEST(LruCacheTest, EvictsLeastRecentlyUsedWhenFull) {
  FakeClock clock;
  LruCache cache(3, clock, 1);  // one shard: recency is global, so the order is exact
  cache.set("a", "1", kLong);
  cache.set("b", "2", kLong);
  cache.set("c", "3", kLong);
  ASSERT_EQ(cache.get("a"), "1");  // a is now the most recent; b the least
  cache.set("d", "4", kLong);

  EXPECT_EQ(cache.get("b"), std::nullopt);
  EXPECT_EQ(cache.get("a"), "1");
  EXPECT_EQ(cache.get("c"), "3");
  EXPECT_EQ(cache.get("d"), "4");
  EXPECT_EQ(cache.size(), 3u);
}

TEST(LruCacheTest, OverwritingRefreshesRecencyWithoutGrowing) {
  FakeClock clock;
  LruCache cache(2, clock, 1);
  cache.set("a", "1", kLong);
  cache.set("b", "2", kLong);
  cache.set("a", "one", kLong);  // a becomes most recent, b least
  cache.set("c", "3", kLong);

  EXPECT_EQ(cache.get("a"), "one");
  EXPECT_EQ(cache.get("b"), std::nullopt);
  EXPECT_EQ(cache.get("c"), "3");
  EXPECT_EQ(cache.size(), 2u);
}

TEST(LruCacheTest, ShardedCacheNeverHoldsMoreThanMaxEntries) {
  FakeClock clock;
  LruCache cache(10, clock);  // 16 shards asked, 10 used: capacities add up to 10
  for (int i = 0; i < 1000; ++i) cache.set("k" + std::to_string(i), "v", kLong);
  EXPECT_EQ(cache.size(), 10u);
  EXPECT_EQ(cache.get("k999"), "v");  // the newest always survives
}

TEST(LruCacheTest, EntryExpiresAfterItsTtl) {
  FakeClock clock;
  LruCache cache(10, clock);
  cache.set("short", "s", seconds(5));
  cache.set("long", "l", seconds(60));

  clock.advance(std::chrono::milliseconds(4999));
  EXPECT_EQ(cache.get("short"), "s");
  clock.advance(std::chrono::milliseconds(1));
  EXPECT_EQ(cache.get("short"), std::nullopt);
  EXPECT_EQ(cache.get("long"), "l");
}

TEST(LruCacheTest, NonPositiveTtlNeverExpires) {
  FakeClock clock;
  LruCache cache(10, clock);
  cache.set("k", "v", seconds(0));
  clock.advance(std::chrono::hours(24 * 365));
  EXPECT_EQ(cache.get("k"), "v");
}

TEST(LruCacheTest, SetReplacesTheTtl) {
  FakeClock clock;
  LruCache cache(10, clock);
  cache.set("k", "v1", seconds(5));
  clock.advance(seconds(4));
  cache.set("k", "v2", seconds(5));
  clock.advance(seconds(4));
  EXPECT_EQ(cache.get("k"), "v2");
}

TEST(LruCacheTest, EraseRemovesTheEntry) {
  FakeClock clock;
  LruCache cache(10, clock);
  cache.set("k", "v", kLong);
  cache.erase("k");
  cache.erase("never-there");
  EXPECT_EQ(cache.get("k"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(LruCacheTest, IncrementStartsFromZeroAndAccumulates) {
  FakeClock clock;
  LruCache cache(10, clock);
  EXPECT_EQ(cache.increment("n", 1, kLong), 1);
  EXPECT_EQ(cache.increment("n", 5, kLong), 6);
  EXPECT_EQ(cache.increment("n", -10, kLong), -4);
  EXPECT_EQ(cache.get("n"), "-4");
}

TEST(LruCacheTest, IncrementKeepsTheExpiryOfAnExistingCounter) {
  // A fixed-window rate limit: the window closes 60 s after the first hit, however many
  // hits follow.
  FakeClock clock;
  LruCache cache(10, clock);
  cache.increment("hits", 1, seconds(60));
  clock.advance(seconds(50));
  EXPECT_EQ(cache.increment("hits", 1, seconds(60)), 2);
  clock.advance(seconds(10));
  EXPECT_EQ(cache.increment("hits", 1, seconds(60)), 1);
}

TEST(LruCacheTest, IncrementOfNonIntegerValueThrows) {
  FakeClock clock;
  LruCache cache(10, clock);
  cache.set("k", "12abc", kLong);
  EXPECT_THROW(cache.increment("k", 1, kLong), Error);
  cache.set("max", std::to_string(INT64_MAX), kLong);
  EXPECT_THROW(cache.increment("max", 1, kLong), Error);
  EXPECT_EQ(cache.get("max"), std::to_string(INT64_MAX));
}

TEST(LruCacheTest, IncrementIsAtomicUnderConcurrency) {
  LruCache cache(100);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) cache.increment("counter", 1, kLong);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(cache.get("counter"), std::to_string(kThreads * kPerThread));
}

TEST(LruCacheTest, MaxSizeZeroDisablesTheCache) {
  FakeClock clock;
  LruCache cache(0, clock);
  cache.set("k", "v", kLong);
  EXPECT_EQ(cache.get("k"), std::nullopt);
  EXPECT_EQ(cache.increment("n", 3, kLong), 3);
  EXPECT_EQ(cache.increment("n", 3, kLong), 3);
  cache.erase("k");
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace um::cache

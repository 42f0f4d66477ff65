// The never-oversell invariant under contention: many threads race for the last units,
// on SQLite and on PostgreSQL.

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "services/product/domain/catalog.hpp"
#include "services/product/store/sql_catalog_store.hpp"
#include "store_fixture.hpp"

namespace um::product {
namespace {

class ReservationRaceTest : public um::testing::CatalogStoreTest {
 protected:
  void SetUp() override {
    CatalogStoreTest::SetUp();
    if (IsSkipped()) return;
    CategoryDraft c;
    c.name = "Things";
    categoryId_ = catalog_->createCategory(c).id;
  }

  Product makeProduct(const std::string& sku, std::vector<std::int64_t> stocks) {
    ProductDraft d;
    d.name = "Thing " + sku;
    d.categoryId = categoryId_;
    d.price = Money{1000, "USD"};
    for (std::size_t i = 0; i < stocks.size(); ++i) {
      VariantDraft v;
      v.sku = sku + "-" + std::to_string(i);
      v.stock = stocks[i];
      d.variants.push_back(v);
    }
    return catalog_->create(d);
  }

  Variant variant(const std::string& productId, std::size_t i) {
    return catalog_->product(productId, true).variants.at(i);
  }

  std::string categoryId_;
};

TEST_P(ReservationRaceTest, ManyBuyersRacingForTheLastUnitsNeverOversell) {
  constexpr int kStock = 10;
  constexpr int kThreads = 12;
  constexpr int kAttemptsEach = 4;
  const auto product = makeProduct("RACE", {kStock});
  const auto variantId = product.variants.front().id;

  std::atomic<int> held{0}, refused{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      while (!go) std::this_thread::yield();
      for (int i = 0; i < kAttemptsEach; ++i) {
        try {
          catalog_->reserve({{variantId, 1}}, std::chrono::seconds{600}, "race");
          ++held;
        } catch (const Error& e) {
          (e.code() == "insufficient_stock" ? refused : other)++;
        }
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(held.load(), kStock);
  EXPECT_EQ(refused.load(), kThreads * kAttemptsEach - kStock);
  const auto v = variant(product.id, 0);
  EXPECT_EQ(v.reserved, kStock);
  EXPECT_EQ(v.available(), 0);
}

TEST_P(ReservationRaceTest, AReservationHoldsEveryLineOrNothing) {
  const auto product = makeProduct("ALL", {5, 1});
  const auto a = product.variants[0].id, b = product.variants[1].id;
  std::atomic<int> held{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      try {
        catalog_->reserve({{a, 1}, {b, 1}}, std::chrono::seconds{600}, "pair");
        ++held;
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), "insufficient_stock");
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(held.load(), 1);
  EXPECT_EQ(variant(product.id, 0).reserved, 1);  // the losers held nothing of A
  EXPECT_EQ(variant(product.id, 1).reserved, 1);
}

TEST_P(ReservationRaceTest, CommitSellsReleaseAndExpiryGiveBack) {
  const auto product = makeProduct("LIFE", {5});
  const auto id = product.variants[0].id;
  const auto sold = catalog_->reserve({{id, 2}}, std::chrono::seconds{600}, "o1");
  catalog_->commit(sold.id);
  catalog_->commit(sold.id);  // idempotent
  auto v = variant(product.id, 0);
  EXPECT_EQ(v.stock, 3);
  EXPECT_EQ(v.reserved, 0);

  const auto back = catalog_->reserve({{id, 3}}, std::chrono::seconds{600}, "o2");
  EXPECT_EQ(variant(product.id, 0).available(), 0);
  catalog_->release(back.id);
  EXPECT_EQ(variant(product.id, 0).available(), 3);
  EXPECT_THROW(catalog_->commit(back.id), Error);  // released: too late to sell

  // An expired one goes back on the sweeper's next pass, and a commit then fails.
  const auto expired = catalog_->reserve({{id, 1}}, std::chrono::seconds{1}, "o3");
  EXPECT_EQ(store_->releaseExpired(systemClock().now() + std::chrono::seconds{5}, 100), 1);
  EXPECT_EQ(variant(product.id, 0).available(), 3);
  try {
    catalog_->commit(expired.id);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "reservation_released");
  }
}

TEST_P(ReservationRaceTest, AnUnknownVariantIsNotFoundAndHoldsNothing) {
  const auto product = makeProduct("UNK", {5});
  const auto id = product.variants[0].id;
  try {
    catalog_->reserve({{id, 1}, {"no-such-variant", 1}}, std::chrono::seconds{600}, "o");
    FAIL() << "reserved an unknown variant";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound) << e.what();
  }
  EXPECT_EQ(variant(product.id, 0).reserved, 0);
}

TEST_P(ReservationRaceTest, EveryLineIsSoldAndPutBackExactlyOnce) {
  const auto product = makeProduct("MULTI", {5, 7, 9});
  const auto& vs = product.variants;
  const auto r = catalog_->reserve({{vs[2].id, 3}, {vs[0].id, 1}, {vs[1].id, 2}},
                                   std::chrono::seconds{600}, "multi");
  for (int i = 0; i < 2; ++i) catalog_->commit(r.id);  // a retry sells nothing more
  EXPECT_EQ(variant(product.id, 0).stock, 4);
  EXPECT_EQ(variant(product.id, 1).stock, 5);
  EXPECT_EQ(variant(product.id, 2).stock, 6);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(variant(product.id, i).reserved, 0);
  for (int i = 0; i < 2; ++i) catalog_->restock(r.id);  // nor does a repeated restock add
  EXPECT_EQ(variant(product.id, 0).stock, 5);
  EXPECT_EQ(variant(product.id, 1).stock, 7);
  EXPECT_EQ(variant(product.id, 2).stock, 9);
  catalog_->commit(r.id);  // a late commit after the restock sells nothing again
  EXPECT_EQ(variant(product.id, 2).stock, 9);
}

TEST_P(ReservationRaceTest, StockCannotBeSetBelowWhatIsHeld) {
  const auto product = makeProduct("SET", {5});
  const auto id = product.variants[0].id;
  catalog_->reserve({{id, 4}}, std::chrono::seconds{600}, "o");
  try {
    catalog_->setStock(id, 3);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "stock_below_reserved");
  }
  EXPECT_EQ(catalog_->setStock(id, 9).available(), 5);
}

INSTANTIATE_TEST_SUITE_P(Stores, ReservationRaceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace um::product

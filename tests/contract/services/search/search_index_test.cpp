// Both relational search indexes answer the same queries the same way.

#include <gtest/gtest.h>

#include "../product/store_fixture.hpp"
#include "services/search/domain/searcher.hpp"
#include "services/search/store/postgres_fts_index.hpp"
#include "services/search/store/sqlite_fts_index.hpp"

namespace um::search {
namespace {

Json event(const std::string& id, const std::string& name, const std::string& brand,
           const std::string& category, std::int64_t price, std::int64_t stock,
           std::int64_t revision, std::int64_t popularity, const std::string& status = "active") {
  return {{"revision", revision},
          {"popularity", popularity},
          {"categoryPath", {"clothing", category}},
          {"product",
           {{"id", id},
            {"name", name},
            {"brand", brand},
            {"description", "Soft and warm " + name},
            {"status", status},
            {"stock", stock},
            {"price", {{"amount", price}, {"currency", "USD"}}},
            {"createdAt", "2026-01-01T00:00:00.000Z"},
            {"category", {{"id", "cat-" + category}, {"slug", category}, {"name", category}}}}}};
}

class SearchIndexTest : public um::testing::ServiceStoreTest {
 protected:
  void SetUp() override {
    db_ = openStore("search");
    if (!db_) GTEST_SKIP() << "UM_TEST_DATABASE_URL is not set";
    if (db_->dialect() == sql::Dialect::kPostgres) {
      index_ = std::make_unique<PostgresFtsIndex>(*db_);
    } else {
      index_ = std::make_unique<SqliteFtsIndex>(*db_);
    }
    searcher_ = std::make_unique<Searcher>(*index_);
    searcher_->apply("product.created", event("p1", "Classic Wool Hoodie", "Northwind", "mens", 4999, 3, 1, 10));
    searcher_->apply("product.created", event("p2", "Cozy Fleece Hoodie", "Kestrel", "womens", 2999, 0, 1, 5000));
    searcher_->apply("product.created", event("p3", "Denim Jacket", "Northwind", "mens", 8999, 7, 1, 50));
  }

  std::vector<std::string> ids(const SearchRequest& r) {
    std::vector<std::string> out;
    for (const auto& item : searcher_->search(r).result.items) out.push_back(item["id"]);
    return out;
  }

  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<SearchIndex> index_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_P(SearchIndexTest, FindsByPrefixAndToleratesOneTypo) {
  SearchRequest r;
  r.q = "hood";
  EXPECT_EQ(ids(r).size(), 2u);
  r.q = "hoodei";  // swapped letters
  EXPECT_EQ(ids(r).size(), 2u);
  r.q = "jaket";  // missing letter
  EXPECT_EQ(ids(r), std::vector<std::string>{"p3"});
  r.q = "nothingmatches";
  EXPECT_TRUE(ids(r).empty());
}

TEST_P(SearchIndexTest, RanksEquallyRelevantProductsByPopularity) {
  SearchRequest r;
  r.q = "hoodie";
  EXPECT_EQ(ids(r), (std::vector<std::string>{"p2", "p1"}));
}

TEST_P(SearchIndexTest, FiltersAndCountsFacets) {
  SearchRequest r;
  r.category = "clothing";
  const auto all = searcher_->search(r).result;
  EXPECT_EQ(all.total, 3);
  ASSERT_FALSE(all.brands.empty());
  EXPECT_EQ(all.brands.front().value, "Northwind");
  EXPECT_EQ(all.brands.front().count, 2);
  std::int64_t priced = 0;
  for (const auto& b : all.prices) priced += b.count;
  EXPECT_EQ(priced, 3);

  r.category = "mens";
  r.inStock = true;
  r.maxPrice = 5000;
  EXPECT_EQ(ids(r), std::vector<std::string>{"p1"});
  r = {};
  r.brand = "Kestrel";
  r.sort = Sort::kPriceAsc;
  EXPECT_EQ(ids(r), std::vector<std::string>{"p2"});
}

TEST_P(SearchIndexTest, IgnoresOlderRevisionsAndHidesInactiveProducts) {
  EXPECT_FALSE(searcher_->apply("product.updated", event("p3", "Old Name", "X", "mens", 1, 1, 1, 0)));
  searcher_->apply("product.archived", event("p3", "Denim Jacket", "Northwind", "mens", 8999, 7, 2, 50, "archived"));
  SearchRequest r;
  r.q = "jacket";
  EXPECT_TRUE(ids(r).empty());
  searcher_->apply("product.updated", event("p3", "Denim Jacket", "Northwind", "mens", 8999, 7, 3, 50));
  EXPECT_EQ(ids(r), std::vector<std::string>{"p3"});
}

TEST_P(SearchIndexTest, AStockChangeKeepsTheTextEntryAndARenameReplacesIt) {
  // Same text, new stock: only the stock moves.
  EXPECT_TRUE(searcher_->apply("inventory.changed",
                               event("p1", "Classic Wool Hoodie", "Northwind", "mens", 4999, 0, 2, 10)));
  SearchRequest wool;
  wool.q = "wool";
  EXPECT_EQ(ids(wool), std::vector<std::string>{"p1"});
  wool.inStock = true;
  EXPECT_TRUE(ids(wool).empty());
  // A rename rebuilds it: found by the new name, no longer by the old one.
  searcher_->apply("product.updated", event("p1", "Merino Sweater", "Northwind", "mens", 4999, 2, 3, 10));
  SearchRequest merino;
  merino.q = "merino";
  EXPECT_EQ(ids(merino), std::vector<std::string>{"p1"});
  SearchRequest hoodie;
  hoodie.q = "hoodie";
  EXPECT_EQ(ids(hoodie), std::vector<std::string>{"p2"});
}

TEST_P(SearchIndexTest, SuggestsNamesByPrefix) {
  const auto s = searcher_->suggest("hoo");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.front(), "Cozy Fleece Hoodie");  // the more popular first
  EXPECT_TRUE(searcher_->suggest("").empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, SearchIndexTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace um::search

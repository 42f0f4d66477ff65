#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "services/search/domain/searcher.hpp"
#include "services/search/domain/text.hpp"

namespace um::search {
namespace {

// An index that only knows a vocabulary and records what it was asked.
class FakeIndex : public SearchIndex {
 public:
  std::set<std::string> vocabulary;
  std::vector<Document> upserts;
  std::optional<Query> lastQuery;

  bool upsert(const Document& d) override {
    upserts.push_back(d);
    return true;
  }
  Result search(const Query& q) override {
    lastQuery = q;
    Result r;
    r.total = 3;
    r.items = {Json::object(), Json::object()};
    return r;
  }
  std::vector<std::string> suggest(const std::vector<std::string>& words, int) override {
    return {words.back()};
  }
  std::vector<std::string> knownTerms(const std::vector<std::string>& candidates) override {
    std::vector<std::string> out;
    for (const auto& c : candidates) {
      if (vocabulary.contains(c)) out.push_back(c);
    }
    return out;
  }
};

TEST(TextTest, TokenizesToLowercaseWords) {
  EXPECT_EQ(tokenize("Men's T-Shirt, 100% COTTON"),
            (std::vector<std::string>{"men", "s", "t", "shirt", "100", "cotton"}));
  EXPECT_TRUE(tokenize(" -- ").empty());
}

TEST(TextTest, OneEditCoversWrongMissingExtraAndSwappedLetters) {
  EXPECT_TRUE(withinOneEdit("laptop", "laptip"));   // wrong
  EXPECT_TRUE(withinOneEdit("laptop", "lapop"));    // missing
  EXPECT_TRUE(withinOneEdit("laptop", "lapttop"));  // extra
  EXPECT_TRUE(withinOneEdit("laptop", "lpatop"));   // swapped
  EXPECT_FALSE(withinOneEdit("laptop", "lpatpo"));  // two edits
  EXPECT_FALSE(withinOneEdit("laptop", "lap"));
}

TEST(TextTest, TypoCandidatesOnlyForWordsOfFiveLettersOrMore) {
  EXPECT_TRUE(typoCandidates("shoe").empty());
  EXPECT_TRUE(typoCandidates("n\xc3\xa4\xc3\xafve").empty());  // no half characters
  const auto c = typoCandidates("hodie");
  EXPECT_NE(std::find(c.begin(), c.end(), "hoodie"), c.end());
  EXPECT_NE(std::find(c.begin(), c.end(), "hodei"), c.end());
}

TEST(SearcherTest, CorrectsUnknownLongWordsAgainstTheVocabulary) {
  FakeIndex index;
  index.vocabulary = {"hoodie", "jacket", "shirt", "skirt"};
  Searcher searcher(index);
  SearchRequest r;
  r.q = "Hoddie jakcet";
  const auto q = searcher.buildQuery(r);
  ASSERT_EQ(q.terms.size(), 2u);
  EXPECT_EQ(q.terms[0].corrections, std::vector<std::string>{"hoodie"});
  EXPECT_EQ(q.terms[1].corrections, std::vector<std::string>{"jacket"});
}

TEST(SearcherTest, KnownWordsAndShortWordsAreTakenAsWritten) {
  FakeIndex index;
  index.vocabulary = {"shirt", "skirt", "shoe", "shoes"};
  Searcher searcher(index);
  SearchRequest r;
  r.q = "shirt sho";
  const auto q = searcher.buildQuery(r);
  EXPECT_TRUE(q.terms[0].corrections.empty());  // "skirt" is a word of its own
  EXPECT_TRUE(q.terms[1].corrections.empty());  // prefix only
}

TEST(SearcherTest, RejectsBadParametersWithTheirField) {
  FakeIndex index;
  Searcher searcher(index);
  auto fieldOf = [&](SearchRequest r) -> std::string {
    try {
      searcher.search(r);
    } catch (const Error& e) {
      return e.field().value_or("");
    }
    return "";
  };
  SearchRequest r;
  r.limit = 0;
  EXPECT_EQ(fieldOf(r), "limit");
  r = {};
  r.minPrice = 10;
  r.maxPrice = 5;
  EXPECT_EQ(fieldOf(r), "maxPrice");
  r = {};
  r.cursor = "zz";
  EXPECT_EQ(fieldOf(r), "cursor");
  r = {};
  r.category = "a%b";
  EXPECT_EQ(fieldOf(r), "category");
}

TEST(SearcherTest, PagesWithAnOpaqueCursorUntilTheTotal) {
  FakeIndex index;
  Searcher searcher(index);
  SearchRequest r;
  r.limit = 2;
  const auto first = searcher.search(r);
  ASSERT_TRUE(first.nextCursor);
  r.cursor = first.nextCursor;
  const auto second = searcher.search(r);
  EXPECT_EQ(index.lastQuery->offset, 2);
  EXPECT_FALSE(second.nextCursor);  // 2 + 2 items ≥ total 3
}

TEST(SearcherTest, BuildsDocumentsFromProductEvents) {
  FakeIndex index;
  Searcher searcher(index);
  const Json payload = {
      {"revision", 4},
      {"popularity", 120},
      {"categoryPath", {"clothing", "mens-clothing"}},
      {"product",
       {{"id", "p1"},
        {"name", "Classic Wool Hoodie"},
        {"brand", "Northwind"},
        {"description", "Warm."},
        {"status", "active"},
        {"stock", 3},
        {"price", {{"amount", 4999}, {"currency", "USD"}}},
        {"category", {{"id", "c1"}, {"slug", "mens-clothing"}, {"name", "Men"}}}}}};
  EXPECT_TRUE(searcher.apply("product.created", payload));
  EXPECT_FALSE(searcher.apply("order.paid", payload));
  ASSERT_EQ(index.upserts.size(), 1u);
  const auto& d = index.upserts.front();
  EXPECT_EQ(d.revision, 4);
  EXPECT_TRUE(d.active);
  EXPECT_EQ(d.price, 4999);
  EXPECT_EQ(d.categoryPath, (std::vector<std::string>{"clothing", "mens-clothing"}));
  EXPECT_GT(d.boost, 0.0);
  EXPECT_NE(std::find(d.terms.begin(), d.terms.end(), "hoodie"), d.terms.end());
}

TEST(SearcherTest, PopularityBoostGrowsSlowly) {
  EXPECT_EQ(boostFor(0), 0.0);
  EXPECT_LT(boostFor(10), boostFor(1000));
  EXPECT_LT(boostFor(1'000'000), 2.0);
}

}  // namespace
}  // namespace um::search

#include <set>

#include <gtest/gtest.h>

#include "adapters/cache/inprocess/lru_cache.hpp"
#include "core/error.hpp"
#include "core/http/message.hpp"
#include "services/product/api/read_cache.hpp"
#include "services/product/domain/cursor.hpp"
#include "services/product/domain/demo_catalog.hpp"
#include "services/product/domain/popularity.hpp"
#include "services/product/domain/product_json.hpp"
#include "services/product/domain/slug.hpp"

namespace um::product {
namespace {

TEST(SlugTest, LowercasesAndJoinsWordsWithSingleHyphens) {
  EXPECT_EQ(slugify("Men's  Cotton T-Shirt!"), "men-s-cotton-t-shirt");
  EXPECT_EQ(slugify("  --Café--  "), "caf");
  EXPECT_EQ(slugify("€€€"), "item");
  EXPECT_TRUE(isValidSlug("red-shoes-2"));
  EXPECT_FALSE(isValidSlug("-red"));
  EXPECT_FALSE(isValidSlug("Red"));
  EXPECT_FALSE(isValidSlug(""));
}

TEST(CursorTest, RoundTripsEverySortKey) {
  for (const auto sort : {Sort::kNewest, Sort::kPriceAsc, Sort::kPriceDesc, Sort::kPopular,
                          Sort::kName}) {
    Product p;
    p.id = "0190aaaa-0000-7000-8000-000000000001";
    p.price = 1999;
    p.popularity = 7;
    p.name = "Zebra \"quoted\" ünïcode";
    const auto decoded = decodeCursor(encodeCursor(cursorAfter(p, sort)), sort);
    EXPECT_EQ(decoded.id, p.id);
    EXPECT_EQ(decoded.sort, sort);
    if (sort == Sort::kName) {
      EXPECT_EQ(decoded.text, p.name);
    }
    if (sort == Sort::kPriceAsc) {
      EXPECT_EQ(decoded.number, 1999);
    }
    if (sort == Sort::kPopular) {
      EXPECT_EQ(decoded.number, 7);
    }
  }
}

TEST(CursorTest, RejectsGarbageAndCursorsOfAnotherSort) {
  auto expectInvalid = [](std::string_view text, Sort sort) {
    try {
      decodeCursor(text, sort);
      FAIL() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kValidation);
      EXPECT_EQ(e.field(), "cursor");
    }
  };
  expectInvalid("not a cursor!", Sort::kNewest);
  expectInvalid(base64UrlEncode("[1,2]"), Sort::kNewest);
  expectInvalid(base64UrlEncode(R"({"s":"price_asc","i":"x"})"), Sort::kPriceAsc);  // no key
  Product p;
  p.id = "x";
  expectInvalid(encodeCursor(cursorAfter(p, Sort::kNewest)), Sort::kName);
}

TEST(Base64UrlTest, RoundTripsAllLengths) {
  std::string bytes;
  for (int i = 0; i < 20; ++i) {
    bytes += static_cast<char>(i * 37);
    EXPECT_EQ(base64UrlDecode(base64UrlEncode(bytes)), bytes);
  }
}

TEST(ImageUrlsTest, BuildsOnTheCdnWhenSetAndKeepsAbsoluteUrls) {
  EXPECT_EQ(ImageUrls("https://cdn.example.com/").url("products/a/1.jpg"),
            "https://cdn.example.com/products/a/1.jpg");
  EXPECT_EQ(ImageUrls("").url("products/a/1.jpg"), "/media/products/a/1.jpg");
  EXPECT_EQ(ImageUrls("https://cdn.example.com").url("https://img.example.org/x.png"),
            "https://img.example.org/x.png");
}

TEST(ProductJsonTest, StockSumsAvailableUnitsOverVariants) {
  Product p;
  p.id = "p1";
  p.variants = {Variant{"v1", "A", "A", 100, Json::object(), 5, 2, 0},
                Variant{"v2", "B", "B", 100, Json::object(), 1, 1, 1}};
  const auto j = productJson(p, ImageUrls(""));
  EXPECT_EQ(j["stock"], 3);
  EXPECT_EQ(j["variants"][0]["stock"], 3);
  EXPECT_EQ(j["variants"][1]["stock"], 0);
  EXPECT_EQ(j["price"]["currency"], "USD");
  EXPECT_TRUE(j["compareAtPrice"].is_null());
}

TEST(DemoCatalogTest, SameSeedGivesTheSameProductAndOtherSeedsDiffer) {
  const DemoCatalog a(42), b(42), c(7);
  int different = 0;
  for (int i = 0; i < 50; ++i) {
    const auto x = a.product(i), y = b.product(i), z = c.product(i);
    EXPECT_EQ(x.draft.name, y.draft.name);
    EXPECT_EQ(x.draft.slug, y.draft.slug);
    EXPECT_EQ(x.draft.variants.size(), y.draft.variants.size());
    EXPECT_EQ(x.draft.price->amount, y.draft.price->amount);
    if (x.draft.name != z.draft.name) ++different;
    ASSERT_FALSE(x.draft.variants.empty());
    for (const auto& v : x.draft.variants) EXPECT_FALSE(v.sku.empty());
  }
  EXPECT_GT(different, 25);
}

TEST(DemoCatalogTest, HasATreeOfAtLeastTwelveCategoriesAndSomeSoldOutProducts) {
  EXPECT_GE(demoCategories().size(), 12u);
  const DemoCatalog demo(1);
  int soldOut = 0;
  std::set<std::string> categories, brands;
  for (int i = 0; i < 500; ++i) {
    const auto p = demo.product(i);
    std::int64_t stock = 0;
    for (const auto& v : p.draft.variants) stock += v.stock.value_or(0);
    if (stock == 0) ++soldOut;
    categories.insert(p.categorySlug);
    brands.insert(p.draft.brand);
  }
  EXPECT_GT(soldOut, 5);
  EXPECT_GE(categories.size(), 10u);
  EXPECT_GE(brands.size(), 10u);
}

TEST(ReadCacheTest, AnswersWithEtagAnd304WhenTheClientHasIt) {
  cache::LruCache lru(100);
  ReadCache cache(lru, "t", {std::chrono::seconds{60}, std::chrono::seconds{300}, 100});
  int computed = 0;
  auto compute = [&] {
    ++computed;
    return http::Json{{"n", 1}};
  };
  http::Request req;
  auto first = cache.serve(req, "k", compute);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.headers.get("Cache-Control"), "public, max-age=300");
  const std::string etag(*first.headers.get("ETag"));

  req.headers.set("If-None-Match", "W/\"other\", " + etag);
  auto second = cache.serve(req, "k", compute);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
  EXPECT_EQ(computed, 1);  // served from the cache

  cache.invalidate();
  auto third = cache.serve(http::Request{}, "k", compute);
  EXPECT_EQ(third.status, 200);
  EXPECT_EQ(computed, 2);  // the generation moved on
}

TEST(ReadCacheTest, ALocalHitSharesTheBytesAndAChangeDropsIt) {
  cache::LruCache lru(100);
  ReadCache cache(lru, "t", {std::chrono::seconds{60}, std::chrono::seconds{300}, 100});
  auto compute = [] { return http::Json{{"n", 1}}; };
  EXPECT_FALSE(cache.serveLocal(http::Request{}, "k"));  // never built yet
  const auto built = cache.serve(http::Request{}, "k", compute);

  const auto first = cache.serveLocal(http::Request{}, "k");
  const auto second = cache.serveLocal(http::Request{}, "k");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->payload(), built.payload());
  EXPECT_EQ(first->headers.get("ETag"), built.headers.get("ETag"));
  EXPECT_EQ(first->sharedBody.get(), second->sharedBody.get());  // one buffer, not copies

  cache.invalidate();
  EXPECT_FALSE(cache.serveLocal(http::Request{}, "k"));
}

TEST(ReadCacheTest, ALocalHitAnswers304ToAClientThatHasIt) {
  cache::LruCache lru(100);
  ReadCache cache(lru, "t", {std::chrono::seconds{60}, std::chrono::seconds{300}, 100});
  const auto built = cache.serve(http::Request{}, "k", [] { return http::Json{{"n", 1}}; });
  http::Request req;
  req.headers.set("If-None-Match", std::string(*built.headers.get("ETag")));
  const auto hit = cache.serveLocal(req, "k");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, 304);
  EXPECT_TRUE(hit->payload().empty());
  EXPECT_EQ(hit->headers.get("Cache-Control"), "public, max-age=300");
}

TEST(LocalAnswersTest, AnAnswerBuiltAcrossAChangeIsNotKept) {
  http::LocalAnswers answers(10, std::chrono::seconds{0});
  const auto before = answers.generation();
  answers.clear();  // a change lands while the answer was being built
  answers.store(before, "k", std::make_shared<const http::CachedAnswer>(http::CachedAnswer{"e", "old"}));
  EXPECT_EQ(answers.find("k"), nullptr);

  answers.store(answers.generation(), "k",
                std::make_shared<const http::CachedAnswer>(http::CachedAnswer{"e", "new"}));
  ASSERT_NE(answers.find("k"), nullptr);
  EXPECT_EQ(answers.find("k")->body, "new");
}

TEST(LocalAnswersTest, KeepsTheMostRecentlyUsedWithinItsCapacity) {
  http::LocalAnswers answers(2, std::chrono::seconds{0});
  auto answer = [](std::string body) {
    return std::make_shared<const http::CachedAnswer>(http::CachedAnswer{"e", std::move(body)});
  };
  const auto g = answers.generation();
  answers.store(g, "a", answer("a"));
  answers.store(g, "b", answer("b"));
  EXPECT_NE(answers.find("a"), nullptr);  // a is now the most recent
  answers.store(g, "c", answer("c"));
  EXPECT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers.find("b"), nullptr);
  EXPECT_NE(answers.find("a"), nullptr);
  EXPECT_NE(answers.find("c"), nullptr);
}

TEST(LocalAnswersTest, AnswersAgeOutWithTheTtl) {
  struct ManualClock : Clock {
    TimePoint t{};
    TimePoint now() const override { return t; }
  } clock;
  http::LocalAnswers answers(10, std::chrono::seconds{60}, clock);
  answers.store(answers.generation(), "k",
                std::make_shared<const http::CachedAnswer>(http::CachedAnswer{"e", "b"}));
  clock.t += std::chrono::seconds{59};
  EXPECT_NE(answers.find("k"), nullptr);
  clock.t += std::chrono::seconds{1};
  EXPECT_EQ(answers.find("k"), nullptr);
}

Json orderPayload(Json extra = Json::object()) {
  Json p = {{"orderId", "o1"},
            {"items",
             {{{"productId", "a"}, {"variantId", "a1"}, {"quantity", 2}},
              {{"productId", "b"}, {"variantId", "b1"}, {"quantity", 1}},
              {{"productId", "a"}, {"variantId", "a2"}, {"quantity", 3}}}}};
  p.update(extra);
  return p;
}

TEST(PopularityTest, APaidOrderAddsTheUnitsOfEachProduct) {
  EXPECT_EQ(popularityChange("order.paid", orderPayload()), (UnitsByProduct{{"a", 5}, {"b", 1}}));
}

TEST(PopularityTest, OnlyACancellationAfterPaymentTakesUnitsBack) {
  EXPECT_EQ(popularityChange("order.cancelled", orderPayload({{"wasPaid", true}})),
            (UnitsByProduct{{"a", -5}, {"b", -1}}));
  EXPECT_TRUE(popularityChange("order.cancelled", orderPayload({{"wasPaid", false}})).empty());
  EXPECT_TRUE(popularityChange("order.cancelled", orderPayload()).empty());
}

TEST(PopularityTest, OtherOrderEventsChangeNothing) {
  for (const auto* type : {"order.created", "order.shipped", "order.delivered", "order.refunded"}) {
    EXPECT_TRUE(popularityChange(type, orderPayload()).empty()) << type;
  }
}

TEST(PopularityTest, AnUnreadablePaidOrderIsAValidationError) {
  EXPECT_THROW(popularityChange("order.paid", Json{{"orderId", "o1"}}), Error);
  EXPECT_THROW(popularityChange("order.paid", Json{{"items", {{{"quantity", 1}}}}}), Error);
  EXPECT_THROW(popularityChange("order.paid", Json{{"items", {{{"productId", "a"}}}}}), Error);
}

}  // namespace
}  // namespace um::product

#include "services/cart/domain/cart_rules.hpp"

#include <gtest/gtest.h>

#include "cart_fakes.hpp"
#include "core/error.hpp"

namespace um::cart {
namespace {

using testing::counter;
using testing::offer;

// Runs `f`, which must throw an Error of `kind` with `code` (and `field`, when given).
template <typename F>
void expectError(F&& f, ErrorKind kind, const std::string& code,
                 std::optional<std::string> field = std::nullopt) {
  try {
    f();
    ADD_FAILURE() << "expected " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_EQ(e.code(), code) << e.what();
    if (field) {
      EXPECT_EQ(e.field(), field);
    }
  }
}

Cart cartWith(std::vector<std::pair<Offer, std::int64_t>> lines, std::string prefix = "line-") {
  Cart cart;
  cart.id = "c1";
  auto ids = counter(std::move(prefix));
  for (auto& [o, q] : lines) addUnits(cart, o, q, ids);
  return cart;
}

TEST(CartRulesTest, QuantityMustBeOneToNinetyNine) {
  EXPECT_NO_THROW(checkQuantity(1, false));
  EXPECT_NO_THROW(checkQuantity(kMaxQuantity, false));
  expectError([] { checkQuantity(0, false); }, ErrorKind::kValidation, "validation_failed",
              "quantity");
  expectError([] { checkQuantity(-3, false); }, ErrorKind::kValidation, "validation_failed",
              "quantity");
  expectError([] { checkQuantity(100, false); }, ErrorKind::kValidation, "validation_failed",
              "quantity");
}

TEST(CartRulesTest, ZeroIsAllowedWhereItMeansRemove) {
  EXPECT_NO_THROW(checkQuantity(0, true));
  expectError([] { checkQuantity(-1, true); }, ErrorKind::kValidation, "validation_failed",
              "quantity");
}

TEST(CartRulesTest, TheOnlyVariantIsChosenWhenNoneIsNamed) {
  const std::vector<Offer> one{offer("p1", "v1", 500, 3)};
  EXPECT_EQ(chooseVariant(one, std::nullopt).variantId, "v1");
}

TEST(CartRulesTest, SeveralVariantsNeedOneNamed) {
  const std::vector<Offer> two{offer("p1", "v1", 500, 3), offer("p1", "v2", 600, 3)};
  expectError([&] { chooseVariant(two, std::nullopt); }, ErrorKind::kValidation,
              "validation_failed", "variantId");
  EXPECT_EQ(chooseVariant(two, std::string("v2")).unitPrice, 600);
}

TEST(CartRulesTest, UnknownArchivedOrForeignVariantIsNotFound) {
  expectError([] { chooseVariant({}, std::nullopt); }, ErrorKind::kNotFound, "not_found");
  const std::vector<Offer> archived{offer("p1", "v1", 500, 3, false)};
  expectError([&] { chooseVariant(archived, std::nullopt); }, ErrorKind::kNotFound, "not_found");
  const std::vector<Offer> one{offer("p1", "v1", 500, 3)};
  expectError([&] { chooseVariant(one, std::string("other")); }, ErrorKind::kNotFound, "not_found");
}

TEST(CartRulesTest, AddingTheSameVariantAgainGrowsItsLine) {
  auto cart = cartWith({{offer("p1", "v1", 500, 10), 2}});
  addUnits(cart, offer("p1", "v1", 450, 10), 3, counter("x-"));
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].quantity, 5);
  EXPECT_EQ(cart.items[0].id, "line-1");
  EXPECT_EQ(cart.items[0].unitPrice, 450);  // the snapshot follows the catalog
}

TEST(CartRulesTest, AddingMoreThanIsInStockIsAConflict) {
  auto cart = cartWith({{offer("p1", "v1", 500, 4), 3}});
  expectError([&] { addUnits(cart, offer("p1", "v1", 500, 4), 2, counter("x-")); },
              ErrorKind::kConflict, "insufficient_stock");
  EXPECT_EQ(cart.items[0].quantity, 3);  // unchanged
  Cart empty;
  expectError([&] { addUnits(empty, offer("p2", "v2", 500, 0), 1, counter("x-")); },
              ErrorKind::kConflict, "insufficient_stock");
  EXPECT_TRUE(empty.items.empty());
}

TEST(CartRulesTest, ALineHoldsAtMostNinetyNine) {
  auto cart = cartWith({{offer("p1", "v1", 500, 1000), 90}});
  expectError([&] { addUnits(cart, offer("p1", "v1", 500, 1000), 10, counter("x-")); },
              ErrorKind::kValidation, "validation_failed", "quantity");
}

TEST(CartRulesTest, ACartHoldsAtMostAHundredLines) {
  Cart cart;
  auto ids = counter("l-");
  for (std::size_t i = 0; i < kMaxLines; ++i) {
    addUnits(cart, offer("p" + std::to_string(i), "v" + std::to_string(i), 100, 5), 1, ids);
  }
  expectError([&] { addUnits(cart, offer("px", "vx", 100, 5), 1, ids); }, ErrorKind::kConflict,
              "cart_full");
}

TEST(CartRulesTest, SettingZeroRemovesTheLine) {
  auto cart = cartWith({{offer("p1", "v1", 500, 10), 2}, {offer("p2", "v2", 300, 10), 1}});
  setQuantity(cart, "line-1", 0, nullptr);
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].variantId, "v2");
}

TEST(CartRulesTest, RaisingPastStockIsRefusedButLoweringIsNot) {
  auto cart = cartWith({{offer("p1", "v1", 500, 10), 8}});
  const auto scarce = offer("p1", "v1", 500, 3);  // stock fell since the add
  expectError([&] { setQuantity(cart, "line-1", 9, &scarce); }, ErrorKind::kConflict,
              "insufficient_stock");
  setQuantity(cart, "line-1", 5, &scarce);
  EXPECT_EQ(cart.items[0].quantity, 5);
}

TEST(CartRulesTest, AVanishedProductCanOnlyBeRemoved) {
  auto cart = cartWith({{offer("p1", "v1", 500, 10), 2}});
  expectError([&] { setQuantity(cart, "line-1", 1, nullptr); }, ErrorKind::kConflict,
              "item_unavailable");
  setQuantity(cart, "line-1", 0, nullptr);
  EXPECT_TRUE(cart.items.empty());
}

TEST(CartRulesTest, UnknownItemIsNotFound) {
  auto cart = cartWith({{offer("p1", "v1", 500, 10), 2}});
  const auto o = offer("p1", "v1", 500, 10);
  expectError([&] { setQuantity(cart, "nope", 1, &o); }, ErrorKind::kNotFound, "not_found");
  expectError([&] { removeItem(cart, "nope"); }, ErrorKind::kNotFound, "not_found");
}

TEST(CartRulesTest, MergeAddsQuantitiesCappedByStock) {
  auto user = cartWith({{offer("p1", "v1", 500, 10), 3}});
  const std::vector<CartItem> guest = cartWith({{offer("p1", "v1", 500, 10), 4}}).items;
  mergeItems(user, guest, {offer("p1", "v1", 500, 5)});
  ASSERT_EQ(user.items.size(), 1u);
  EXPECT_EQ(user.items[0].quantity, 5);  // 3 + 4 capped at the 5 available
}

TEST(CartRulesTest, MergeNeverTakesAwayWhatTheUserHad) {
  auto user = cartWith({{offer("p1", "v1", 500, 10), 6}});
  const std::vector<CartItem> guest = cartWith({{offer("p1", "v1", 500, 10), 2}}).items;
  mergeItems(user, guest, {offer("p1", "v1", 500, 4)});
  EXPECT_EQ(user.items[0].quantity, 6);
}

TEST(CartRulesTest, MergeCapsAtNinetyNine) {
  auto user = cartWith({{offer("p1", "v1", 500, 1000), 60}});
  const std::vector<CartItem> guest = cartWith({{offer("p1", "v1", 500, 1000), 60}}).items;
  mergeItems(user, guest, {offer("p1", "v1", 500, 1000)});
  EXPECT_EQ(user.items[0].quantity, kMaxQuantity);
}

TEST(CartRulesTest, MergeAddsNewLinesAndDropsWhatIsNotForSale) {
  auto user = cartWith({{offer("p1", "v1", 500, 10), 1}});
  const std::vector<CartItem> guest = cartWith({{offer("p2", "v2", 300, 10), 7},
                                                {offer("p3", "v3", 200, 10), 1},
                                                {offer("p4", "v4", 100, 10), 1}},
                                               "guest-")
                                          .items;
  mergeItems(
      user, guest,
      {offer("p2", "v2", 300, 5), offer("p3", "v3", 200, 10, false), offer("p4", "v4", 100, 0)});
  ASSERT_EQ(user.items.size(), 2u);
  EXPECT_EQ(user.items[1].variantId, "v2");
  EXPECT_EQ(user.items[1].quantity, 5);
  EXPECT_EQ(user.items[1].id, guest[0].id);
}

TEST(CartRulesTest, PricingUsesTheCatalogsPriceNow) {
  const auto cart = cartWith({{offer("p1", "v1", 500, 10), 2}, {offer("p2", "v2", 300, 10), 3}});
  const auto priced = price(cart, {offer("p1", "v1", 550, 7), offer("p2", "v2", 300, 10)});
  ASSERT_EQ(priced.items.size(), 2u);
  EXPECT_EQ(priced.items[0].item.unitPrice, 550);
  EXPECT_EQ(priced.items[0].lineTotal, 1100);
  EXPECT_EQ(priced.items[0].available, 7);
  EXPECT_EQ(priced.itemCount, 5);
  EXPECT_EQ(priced.subtotal.amount, 1100 + 900);
  EXPECT_EQ(priced.subtotal.currency, "USD");
}

TEST(CartRulesTest, PricingSetsAsideVanishedAndArchivedProducts) {
  const auto cart = cartWith({{offer("p1", "v1", 500, 10), 2},
                              {offer("p2", "v2", 300, 10), 3},
                              {offer("p3", "v3", 100, 10), 1}});
  // v2 vanished from the catalog, v3's product was archived.
  const auto priced = price(cart, {offer("p1", "v1", 500, 10), offer("p3", "v3", 100, 10, false)});
  ASSERT_EQ(priced.items.size(), 1u);
  EXPECT_EQ(priced.items[0].item.variantId, "v1");
  ASSERT_EQ(priced.unavailable.size(), 2u);
  EXPECT_EQ(priced.unavailable[0].variantId, "v2");
  EXPECT_EQ(priced.unavailable[0].unitPrice, 300);  // the snapshot, for display
  EXPECT_EQ(priced.itemCount, 2);
  EXPECT_EQ(priced.subtotal.amount, 1000);
}

TEST(CartRulesTest, RemoveOrderedTakesExactlyTheOrderedUnitsOnce) {
  auto cart = cartWith({{offer("p", "a", 100, 50), 3}, {offer("q", "b", 100, 50), 1}});
  EXPECT_TRUE(removeOrdered(cart, "o1", {{"a", 2}, {"b", 1}}));
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].variantId, "a");
  EXPECT_EQ(cart.items[0].quantity, 1);
  EXPECT_FALSE(removeOrdered(cart, "o1", {{"a", 2}, {"b", 1}}));
  EXPECT_EQ(cart.items[0].quantity, 1);
  // More ordered than is left (lowered meanwhile): the line goes, nothing below zero.
  EXPECT_TRUE(removeOrdered(cart, "o2", {{"a", 5}}));
  EXPECT_TRUE(cart.items.empty());
}

TEST(CartRulesTest, RemoveOrderedRemembersOnlyTheLatestOrders) {
  Cart cart;
  for (std::size_t i = 0; i < kMaxSettledOrders + 5; ++i) {
    EXPECT_TRUE(removeOrdered(cart, "o" + std::to_string(i), {}));
  }
  EXPECT_EQ(cart.settledOrders.size(), kMaxSettledOrders);
  EXPECT_EQ(cart.settledOrders.back(), "o" + std::to_string(kMaxSettledOrders + 4));
  EXPECT_FALSE(removeOrdered(cart, cart.settledOrders.back(), {}));
}

}  // namespace
}  // namespace um::cart

#include "services/cart/domain/cart_service.hpp"

#include <gtest/gtest.h>

#include "cart_fakes.hpp"
#include "core/error.hpp"

namespace um::cart {
namespace {

using testing::offer;

class CartServiceTest : public ::testing::Test {
 protected:
  CartServiceTest()
      : carts_(
            store_, events_, [this]() -> product::Client& { return catalog_; }, clock_,
            testing::counter("id-"), testing::counter("guest-")) {
    catalog_.put(offer("shirt", "shirt-m", 2000, 10));
    catalog_.put(offer("shirt", "shirt-l", 2200, 2));
    catalog_.put(offer("mug", "mug-1", 900, 5));
  }

  static CartOwner guest(std::string id) { return {std::nullopt, std::move(id)}; }
  static CartOwner user(std::string id) { return {std::move(id), std::nullopt}; }

  testing::FakeCatalog catalog_;
  testing::FakeCartStore store_;
  testing::RecordingEvents events_;
  testing::FakeClock clock_;
  CartService carts_;
};

TEST_F(CartServiceTest, AGuestsFirstAddCreatesACartWithAFreshId) {
  const auto cart = carts_.addItem({}, {"mug", std::nullopt, 2});
  EXPECT_EQ(cart.id, "guest-1");
  EXPECT_TRUE(cart.guest);
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].item.quantity, 2);
  EXPECT_EQ(store_.idleOf(CartKey::guest("guest-1")), kGuestCartIdle);
  EXPECT_EQ(events_.events.back(),
            std::make_pair(std::string("guest-1"), std::string("item_added")));
}

TEST_F(CartServiceTest, AGuestIdThatDoesNotExistIsNeverAdopted) {
  const auto cart = carts_.addItem(guest("made-up-by-client"), {"mug", std::nullopt, 1});
  EXPECT_EQ(cart.id, "guest-1");
  EXPECT_FALSE(store_.contains(CartKey::guest("made-up-by-client")));
}

TEST_F(CartServiceTest, AGuestKeepsAddingToTheSameCart) {
  carts_.addItem({}, {"mug", std::nullopt, 1});
  const auto cart = carts_.addItem(guest("guest-1"), {"shirt", std::string("shirt-m"), 1});
  EXPECT_EQ(cart.id, "guest-1");
  EXPECT_EQ(cart.items.size(), 2u);
  EXPECT_EQ(cart.itemCount, 2);
  EXPECT_EQ(cart.subtotal.amount, 900 + 2000);
}

TEST_F(CartServiceTest, AUsersCartLivesUnderTheUserAndDoesNotExpire) {
  const auto cart = carts_.addItem(user("u1"), {"mug", std::nullopt, 1});
  EXPECT_FALSE(cart.guest);
  ASSERT_TRUE(cart.id);
  EXPECT_EQ(store_.idleOf(CartKey::user("u1")), std::nullopt);
  // Its id is no key: as a guest id it finds nothing.
  EXPECT_EQ(carts_.view(guest(*cart.id)).items.size(), 0u);
  EXPECT_FALSE(carts_.view(guest(*cart.id)).id);
}

TEST_F(CartServiceTest, EveryReadIsRepricedFromTheCatalog) {
  carts_.addItem(user("u1"), {"mug", std::nullopt, 2});
  catalog_.put(offer("mug", "mug-1", 750, 5));
  const auto cart = carts_.view(user("u1"));
  EXPECT_EQ(cart.items[0].item.unitPrice, 750);
  EXPECT_EQ(cart.subtotal.amount, 1500);
}

TEST_F(CartServiceTest, AnArchivedProductLeavesTheTotalsButStaysVisible) {
  carts_.addItem(user("u1"), {"mug", std::nullopt, 2});
  carts_.addItem(user("u1"), {"shirt", std::string("shirt-m"), 1});
  catalog_.put(offer("mug", "mug-1", 900, 5, false));
  const auto cart = carts_.view(user("u1"));
  EXPECT_EQ(cart.items.size(), 1u);
  ASSERT_EQ(cart.unavailable.size(), 1u);
  EXPECT_EQ(cart.unavailable[0].variantId, "mug-1");
  EXPECT_EQ(cart.subtotal.amount, 2000);
}

TEST_F(CartServiceTest, MergeMovesTheGuestCartIntoTheUsersAndDeletesIt) {
  carts_.addItem(user("u1"), {"shirt", std::string("shirt-l"), 1});
  carts_.addItem({}, {"shirt", std::string("shirt-l"), 2});  // guest-1
  carts_.addItem(guest("guest-1"), {"mug", std::nullopt, 3});

  const auto cart = carts_.view({std::string("u1"), std::string("guest-1")});
  EXPECT_FALSE(cart.guest);
  ASSERT_EQ(cart.items.size(), 2u);
  EXPECT_EQ(cart.items[0].item.quantity, 2);  // 1 + 2 capped at the 2 in stock
  EXPECT_EQ(cart.items[1].item.quantity, 3);
  EXPECT_FALSE(store_.contains(CartKey::guest("guest-1")));
  EXPECT_EQ(events_.events.back().second, "merged");

  // Merging again (the client still sends the old id) changes nothing.
  const auto again = carts_.view({std::string("u1"), std::string("guest-1")});
  EXPECT_EQ(again.itemCount, 5);
}

TEST_F(CartServiceTest, AGuestCartWrittenDuringTheMergeIsNeitherLostNorCountedTwice) {
  carts_.addItem({}, {"mug", std::nullopt, 1});  // guest-1
  // Just before the merge claims the guest cart, the guest adds another mug in another tab.
  bool raced = false;
  struct RacingStore final : CartStore {
    RacingStore(testing::FakeCartStore& inner, CartService*& carts, bool& raced)
        : inner_(inner), carts_(carts), raced_(raced) {}
    std::optional<StoredCart> load(const CartKey& k) override { return inner_.load(k); }
    bool save(const CartKey& k, const Cart& c, CartVersion e,
              std::optional<std::chrono::seconds> i) override {
      return inner_.save(k, c, e, i);
    }
    bool remove(const CartKey& k, CartVersion e) override {
      if (!raced_ && k.kind == CartKey::Kind::kGuest) {
        raced_ = true;
        carts_->addItem({std::nullopt, k.id}, {"mug", std::nullopt, 1});
      }
      return inner_.remove(k, e);
    }
    bool remove(const CartKey& k) override { return inner_.remove(k); }
    testing::FakeCartStore& inner_;
    CartService*& carts_;
    bool& raced_;
  };
  CartService* self = nullptr;
  RacingStore racing(store_, self, raced);
  CartService carts(
      racing, events_, [this]() -> product::Client& { return catalog_; }, clock_,
      testing::counter("r-"), testing::counter("rg-"));
  self = &carts;

  const auto cart = carts.view({std::string("u1"), std::string("guest-1")});
  EXPECT_TRUE(raced);
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].item.quantity, 2);  // both mugs, once each
}

TEST_F(CartServiceTest, AConcurrentWriteIsRetriedNotOverwritten) {
  carts_.addItem(user("u1"), {"mug", std::nullopt, 1});
  // Another request adds a shirt between this request's read and its write.
  store_.beforeSave = [this] { carts_.addItem(user("u1"), {"shirt", std::string("shirt-m"), 1}); };
  const auto cart = carts_.addItem(user("u1"), {"mug", std::nullopt, 1});
  ASSERT_EQ(cart.items.size(), 2u);
  EXPECT_EQ(cart.items[0].item.quantity, 2);
  EXPECT_EQ(cart.items[1].item.variantId, "shirt-m");
}

TEST_F(CartServiceTest, StockIsCheckedAgainstWhatTheCartAlreadyHolds) {
  carts_.addItem(user("u1"), {"shirt", std::string("shirt-l"), 2});
  try {
    carts_.addItem(user("u1"), {"shirt", std::string("shirt-l"), 1});
    FAIL() << "expected insufficient_stock";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "insufficient_stock");
  }
  EXPECT_EQ(carts_.view(user("u1")).itemCount, 2);
}

TEST_F(CartServiceTest, AnUnknownProductTouchesNothing) {
  EXPECT_THROW(carts_.addItem({}, {"nope", std::nullopt, 1}), Error);
  EXPECT_EQ(store_.saves, 0);
}

TEST_F(CartServiceTest, QuantityZeroRemovesAndUnknownItemIsNotFound) {
  const auto added = carts_.addItem(user("u1"), {"mug", std::nullopt, 2});
  const auto itemId = added.items[0].item.id;
  EXPECT_THROW(carts_.setQuantity(user("u1"), "nope", 1), Error);
  const auto updated = carts_.setQuantity(user("u1"), itemId, 4);
  EXPECT_EQ(updated.itemCount, 4);
  const auto removed = carts_.setQuantity(user("u1"), itemId, 0);
  EXPECT_TRUE(removed.items.empty());
  EXPECT_THROW(carts_.removeItem(user("u1"), itemId), Error);
}

TEST_F(CartServiceTest, AnotherUsersItemIsNotFound) {
  const auto added = carts_.addItem(user("u1"), {"mug", std::nullopt, 2});
  try {
    carts_.removeItem(user("u2"), added.items[0].item.id);
    FAIL() << "expected not_found";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
  EXPECT_FALSE(store_.contains(CartKey::user("u2")));  // and no empty cart was made for u2
}

TEST_F(CartServiceTest, ClearDeletesTheCartAndIsIdempotent) {
  carts_.addItem(user("u1"), {"mug", std::nullopt, 2});
  carts_.clear(user("u1"));
  EXPECT_FALSE(store_.contains(CartKey::user("u1")));
  EXPECT_EQ(events_.events.back().second, "cleared");
  EXPECT_NO_THROW(carts_.clear(user("u1")));
  EXPECT_FALSE(carts_.contents(user("u1")));
}

TEST_F(CartServiceTest, AnOrderTakesOnlyItsUnitsAndOnlyOnce) {
  carts_.addItem(user("u1"), {"mug", std::nullopt, 2});
  carts_.addItem(user("u1"), {"shirt", std::string("shirt-m"), 1});
  // Checked out: 2 mugs and the shirt. Then, while paying, one more mug.
  carts_.addItem(user("u1"), {"mug", std::nullopt, 1});
  const std::vector<OrderedUnits> bought{{"mug-1", 2}, {"shirt-m", 1}};
  carts_.removeOrdered(user("u1"), "order-1", bought);
  auto cart = carts_.view(user("u1"));
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].item.variantId, "mug-1");
  EXPECT_EQ(cart.items[0].item.quantity, 1);
  EXPECT_EQ(events_.events.back(), std::make_pair(cart.id.value(), std::string("ordered")));

  carts_.removeOrdered(user("u1"), "order-1", bought);  // redelivered
  cart = carts_.view(user("u1"));
  ASSERT_EQ(cart.items.size(), 1u);
  EXPECT_EQ(cart.items[0].item.quantity, 1);
}

TEST_F(CartServiceTest, AnOrderThatTakesEverythingEndsTheCart) {
  carts_.addItem(user("u1"), {"mug", std::nullopt, 1});
  const auto before = carts_.view(user("u1")).id;
  carts_.removeOrdered(user("u1"), "order-1", {{"mug-1", 1}});
  const auto after = carts_.view(user("u1"));
  EXPECT_TRUE(after.items.empty());
  EXPECT_NE(after.id, before);  // the next shopping starts a new cart
  carts_.removeOrdered(user("u1"), "order-1", {{"mug-1", 1}});  // still remembered
  EXPECT_EQ(carts_.view(user("u1")).id, after.id);

  const auto guestCart = carts_.addItem({}, {"mug", std::nullopt, 1}).id.value();
  carts_.removeOrdered(guest(guestCart), "order-2", {{"mug-1", 1}});
  EXPECT_FALSE(store_.contains(CartKey::guest(guestCart)));
}

TEST_F(CartServiceTest, RemovingAnOrderFromACartThatIsGoneIsNotAnError) {
  EXPECT_NO_THROW(carts_.removeOrdered(guest("gone"), "order-1", {{"mug-1", 1}}));
  EXPECT_FALSE(store_.contains(CartKey::guest("gone")));
}

}  // namespace
}  // namespace um::cart

#include "services/analytics/domain/behaviour_event.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace um::analytics {
namespace {

std::string refusedField(const BehaviourEvent& e) {
  try {
    validate(e);
  } catch (const Error& err) {
    return err.field().value_or("?");
  }
  return "";
}

BehaviourEvent view() {
  BehaviourEvent e;
  e.type = "product_view";
  e.sessionId = "sess-123";
  e.productId = "prod-1";
  return e;
}

TEST(BehaviourEventTest, AcceptsTheContractsTypes) {
  for (const auto& type : {"page_view", "product_view", "search", "add_to_cart", "checkout_started"}) {
    BehaviourEvent e = view();
    e.type = type;
    EXPECT_EQ(refusedField(e), "") << type;
  }
}

TEST(BehaviourEventTest, NamesTheFieldThatBreaksARule) {
  BehaviourEvent e = view();
  e.type = "pageview";
  EXPECT_EQ(refusedField(e), "type");
  e = view();
  e.sessionId = "";
  EXPECT_EQ(refusedField(e), "sessionId");
  e.sessionId = "has space";
  EXPECT_EQ(refusedField(e), "sessionId");
  e = view();
  e.productId.reset();
  EXPECT_EQ(refusedField(e), "productId");
  e = view();
  e.properties = nlohmann::json::array();
  EXPECT_EQ(refusedField(e), "properties");
  e = view();
  e.properties = {{"blob", std::string(5000, 'x')}};
  EXPECT_EQ(refusedField(e), "properties");
}

TEST(BehaviourEventTest, PageViewsNeedNoProduct) {
  BehaviourEvent e = view();
  e.type = "page_view";
  e.productId.reset();
  EXPECT_EQ(refusedField(e), "");
}

TEST(BehaviourEventTest, TheActorIsTheAccountWhenSignedInElseTheSession) {
  const TimePoint t = *parseRfc3339("2026-05-01T08:30:00Z");
  BehaviourEvent e = view();
  auto doc = behaviourDocument(e, "id-1", t);
  EXPECT_EQ(doc["actor"], "session:sess-123");
  EXPECT_EQ(doc["day"], "2026-05-01");
  EXPECT_EQ(doc["at"], "2026-05-01T08:30:00.000Z");
  EXPECT_FALSE(doc.contains("userId"));
  e.userId = "user-9";
  doc = behaviourDocument(e, "id-2", t);
  EXPECT_EQ(doc["actor"], "user:user-9");
  EXPECT_EQ(doc["userId"], "user-9");
  EXPECT_EQ(doc["productId"], "prod-1");
}

}  // namespace
}  // namespace um::analytics

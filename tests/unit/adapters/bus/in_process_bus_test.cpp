#include "adapters/bus/inprocess/in_process_bus.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace um::bus {
namespace {

Event makeEvent(std::string type, std::string aggregateId = "agg-1", std::string id = "") {
  static std::atomic<int> counter{0};
  return Event{.id = id.empty() ? "evt-" + std::to_string(++counter) : id,
               .type = std::move(type),
               .aggregateId = std::move(aggregateId),
               .payload = "{}",
               .occurredAt = "2026-01-01T00:00:00.000Z"};
}

TEST(InProcessBusTest, DeliversOnlyToSubscribersOfTheEventsTopic) {
  InProcessBus bus;
  std::vector<std::string> orders, payments, both;
  bus.subscribe("orders", {"order"}, [&](const Event& e) { orders.push_back(e.type); });
  bus.subscribe("payments", {"payment"}, [&](const Event& e) { payments.push_back(e.type); });
  bus.subscribe("both", {"order", "payment"}, [&](const Event& e) { both.push_back(e.type); });
  bus.start();

  bus.publish(makeEvent("order.paid"));
  bus.publish(makeEvent("payment.succeeded"));
  bus.publish(makeEvent("product.updated"));
  bus.publish(makeEvent("orders.paid"));  // "orders" is another topic, not a prefix match

  EXPECT_EQ(orders, std::vector<std::string>{"order.paid"});
  EXPECT_EQ(payments, std::vector<std::string>{"payment.succeeded"});
  EXPECT_EQ(both, (std::vector<std::string>{"order.paid", "payment.succeeded"}));
}

TEST(InProcessBusTest, PublishReturnsOnlyAfterEveryHandlerRan) {
  InProcessBus bus;
  bool handled = false;
  bus.subscribe("slow", {"order"}, [&](const Event&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    handled = true;
  });
  bus.start();
  bus.publish(makeEvent("order.created"));
  EXPECT_TRUE(handled);
}

TEST(InProcessBusTest, HandlerFailureRethrowsAfterTheOtherSubscribersRan) {
  InProcessBus bus;
  int before = 0, after = 0;
  bus.subscribe("before", {"order"}, [&](const Event&) { ++before; });
  bus.subscribe("failing", {"order"},
                [](const Event&) { throw std::runtime_error("consumer down"); });
  bus.subscribe("after", {"order"}, [&](const Event&) { ++after; });
  bus.start();

  EXPECT_THROW(
      {
        try {
          bus.publish(makeEvent("order.paid"));
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "consumer down");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_EQ(before, 1);
  EXPECT_EQ(after, 1);
}

TEST(InProcessBusTest, PublishWithNoSubscriberSucceeds) {
  InProcessBus bus;
  bus.start();
  EXPECT_NO_THROW(bus.publish(makeEvent("cart.updated")));
}

TEST(InProcessBusTest, RefusesToPublishBeforeStartAndAfterStop) {
  // Accepting events before the consumers are wired would mark them published while
  // nobody received them.
  InProcessBus bus;
  int handled = 0;
  bus.subscribe("orders", {"order"}, [&](const Event&) { ++handled; });
  EXPECT_THROW(bus.publish(makeEvent("order.paid")), Error);
  bus.start();
  bus.publish(makeEvent("order.paid"));
  bus.stop();
  EXPECT_THROW(bus.publish(makeEvent("order.paid")), Error);
  EXPECT_EQ(handled, 1);
}

TEST(InProcessBusTest, PreservesPublishOrderPerSubscriber) {
  InProcessBus bus;
  std::vector<std::string> seen;
  bus.subscribe("orders", {"order"}, [&](const Event& e) { seen.push_back(e.id); });
  bus.start();
  std::vector<std::string> sent;
  for (int i = 0; i < 100; ++i) {
    sent.push_back("e" + std::to_string(i));
    bus.publish(makeEvent(i % 2 ? "order.paid" : "order.created", "order-1", sent.back()));
  }
  EXPECT_EQ(seen, sent);
}

TEST(InProcessBusTest, NeverRunsOneSubscriptionsHandlerConcurrently) {
  // Several relays publish from their own threads; a handler still sees one event at a
  // time, as a Kafka consumer group's poll loop would give it.
  InProcessBus bus;
  std::atomic<int> inside{0};
  std::atomic<int> maxInside{0};
  std::atomic<int> handled{0};
  bus.subscribe("analytics", {"order", "product"}, [&](const Event&) {
    const int now = ++inside;
    int seenMax = maxInside.load();
    while (now > seenMax && !maxInside.compare_exchange_weak(seenMax, now)) {
    }
    std::this_thread::yield();
    --inside;
    ++handled;
  });
  bus.start();
  std::vector<std::thread> relays;
  for (int t = 0; t < 4; ++t) {
    relays.emplace_back([&bus, t] {
      for (int i = 0; i < 500; ++i)
        bus.publish(makeEvent(t % 2 ? "order.paid" : "product.updated"));
    });
  }
  for (auto& r : relays) r.join();
  EXPECT_EQ(handled.load(), 2000);
  EXPECT_EQ(maxInside.load(), 1);
}

TEST(InProcessBusTest, SubscribeWhilePublishingIsSafe) {
  InProcessBus bus;
  std::atomic<int> handled{0};
  bus.subscribe("first", {"order"}, [&](const Event&) { ++handled; });
  bus.start();
  std::thread publisher([&] {
    for (int i = 0; i < 1000; ++i) bus.publish(makeEvent("order.paid"));
  });
  for (int i = 0; i < 50; ++i)
    bus.subscribe("late-" + std::to_string(i), {"order"}, [](const Event&) {});
  publisher.join();
  EXPECT_EQ(handled.load(), 1000);
}

}  // namespace
}  // namespace um::bus

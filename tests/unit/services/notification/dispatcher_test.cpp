#include "services/notification/domain/dispatcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <map>
#include <set>

#include "services/notification/domain/notifier.hpp"

namespace um::notification {
namespace {

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(std::chrono::seconds d) { now_ = now_.load() + d; }

 private:
  std::atomic<TimePoint> now_{TimePoint{} + std::chrono::seconds(1'800'000'000)};
};

// Deliveries in memory, with the SQL store's rules (once per event id, claims, due times).
class MemoryStore final : public DeliveryStore {
 public:
  bool enqueue(const std::string& consumer, const std::string& eventId,
               const std::vector<Delivery>& deliveries) override {
    if (!processed.insert(consumer + "|" + eventId).second) return false;
    for (const auto& d : deliveries) rows.push_back(d);
    return true;
  }
  std::vector<Delivery> claimDue(const std::string& now, const std::string& until, int limit) override {
    std::vector<Delivery> out;
    for (auto& d : rows) {
      const bool open = d.status == DeliveryStatus::kQueued || d.status == DeliveryStatus::kFailed;
      if (open && d.nextAttemptAt <= now && claims[d.id] < now && static_cast<int>(out.size()) < limit) {
        claims[d.id] = until;
        out.push_back(d);
      }
    }
    return out;
  }
  void record(const AttemptOutcome& o) override {
    for (auto& d : rows) {
      if (d.id != o.deliveryId) continue;
      d.status = o.status;
      d.attempts = o.attempts;
      d.lastError = o.error;
      if (o.status == DeliveryStatus::kSent) d.sentAt = o.at;
      if (o.status == DeliveryStatus::kFailed) d.nextAttemptAt = o.nextAttemptAt;
      if (o.eraseBodies) d.textBody = d.htmlBody = "";
      claims[d.id] = "";
    }
  }
  std::optional<Delivery> requeue(const std::string& id, const std::string& now) override {
    for (auto& d : rows) {
      if (d.id != id) continue;
      const bool retryable = (d.status == DeliveryStatus::kFailed || d.status == DeliveryStatus::kDead) &&
                             !d.textBody.empty();
      if (retryable) {
        d.status = DeliveryStatus::kQueued;
        d.attempts = 0;
        d.nextAttemptAt = now;
      }
      return d;
    }
    return std::nullopt;
  }
  DeliveryPage list(const DeliveryFilter&) override { return {rows, static_cast<std::int64_t>(rows.size()), {}}; }
  std::optional<Delivery> find(const std::string& id) override {
    for (const auto& d : rows) {
      if (d.id == id) return d;
    }
    return std::nullopt;
  }
  std::map<DeliveryStatus, std::int64_t> countByStatus() override { return {}; }

  std::set<std::string> processed;
  std::vector<Delivery> rows;
  std::map<std::string, std::string> claims;
};

// Fails with the queued errors first, then accepts.
class ScriptedSender final : public email::EmailSender {
 public:
  void send(const email::Message& m) override {
    ++calls;
    if (!failures.empty()) {
      Error e = failures.front();
      failures.pop_front();
      throw e;
    }
    sent.push_back(m);
  }
  std::string name() const override { return "scripted"; }

  std::deque<Error> failures;
  std::vector<email::Message> sent;
  int calls = 0;
};

const nlohmann::json kPaid = {{"orderId", "o1"}, {"number", "UM-1"}, {"userId", "u1"},
                              {"email", "ada@example.com"}, {"currency", "USD"}, {"total", 100},
                              {"items", nlohmann::json::array()}};

struct DispatcherTest : ::testing::Test {
  FakeClock clock;
  MemoryStore store;
  ScriptedSender sender;
  RetryPolicy policy{3, std::chrono::seconds(10), std::chrono::seconds(60)};
  // A stand-in for the sealed box: "sealed:" + link opens.
  Notifier notifier{store,
                    {"https://shop.example.com", "UltraMarket",
                     [](std::string_view sealed) -> std::optional<std::string> {
                       if (!sealed.starts_with("sealed:")) return std::nullopt;
                       return std::string(sealed.substr(7));
                     }},
                    clock};
  DeliveryDispatcher dispatcher{store, sender, policy, clock, {}, [] { return 0.0; }};

  Delivery only() {
    EXPECT_EQ(store.rows.size(), 1u);
    return store.rows.at(0);
  }
};

TEST_F(DispatcherTest, AnEventDeliveredTwiceSendsOneEmail) {
  EXPECT_TRUE(notifier.handle("evt-1", "order.paid", kPaid));
  EXPECT_FALSE(notifier.handle("evt-1", "order.paid", kPaid));
  EXPECT_EQ(dispatcher.runOnce(), 1);
  EXPECT_EQ(dispatcher.runOnce(), 0);
  ASSERT_EQ(sender.sent.size(), 1u);
  EXPECT_EQ(sender.sent[0].to, "ada@example.com");
  EXPECT_EQ(sender.sent[0].reference, only().id);  // the Message-ID ties the email to its record
  EXPECT_EQ(only().status, DeliveryStatus::kSent);
  EXPECT_TRUE(only().sentAt);
}

TEST_F(DispatcherTest, TransientFailuresRetryWithBackoffThenSucceed) {
  sender.failures.push_back(email::transientFailure("connection refused"));
  notifier.handle("evt-1", "order.paid", kPaid);

  EXPECT_EQ(dispatcher.runOnce(), 1);
  EXPECT_EQ(only().status, DeliveryStatus::kFailed);
  EXPECT_EQ(only().attempts, 1);
  EXPECT_EQ(only().lastError, "connection refused");

  clock.advance(std::chrono::seconds(9));
  EXPECT_EQ(dispatcher.runOnce(), 0) << "not due before the first backoff (10 s)";
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatcher.runOnce(), 1);
  EXPECT_EQ(only().status, DeliveryStatus::kSent);
  EXPECT_EQ(only().attempts, 2);
  EXPECT_EQ(sender.sent.size(), 1u);
}

TEST_F(DispatcherTest, TheLastAllowedFailureMakesTheDeliveryDead) {
  for (int i = 0; i < 3; ++i) sender.failures.push_back(email::transientFailure("timeout"));
  notifier.handle("evt-1", "order.paid", kPaid);
  dispatcher.runOnce();
  clock.advance(std::chrono::seconds(10));
  dispatcher.runOnce();
  EXPECT_EQ(only().status, DeliveryStatus::kFailed);
  clock.advance(std::chrono::seconds(19));
  EXPECT_EQ(dispatcher.runOnce(), 0) << "the second retry waits twice as long (20 s)";
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatcher.runOnce(), 1);
  EXPECT_EQ(only().status, DeliveryStatus::kDead);
  EXPECT_EQ(only().attempts, 3);
  clock.advance(std::chrono::hours(24));
  EXPECT_EQ(dispatcher.runOnce(), 0) << "dead deliveries are never tried again";
  EXPECT_EQ(sender.calls, 3);
}

TEST_F(DispatcherTest, APermanentRefusalIsDeadAtOnce) {
  sender.failures.push_back(email::permanentFailure("550 no such mailbox"));
  notifier.handle("evt-1", "order.paid", kPaid);
  dispatcher.runOnce();
  EXPECT_EQ(only().status, DeliveryStatus::kDead);
  EXPECT_EQ(only().attempts, 1);
}

TEST_F(DispatcherTest, SecretBodiesAreErasedOnceSentButKeptForRetries) {
  const nlohmann::json reset = {{"userId", "u1"}, {"email", "ada@example.com"}, {"sealedResetUrl", "sealed:https://shop.example.com/reset-password?token=secret-token"}};
  sender.failures.push_back(email::transientFailure("timeout"));
  notifier.handle("evt-r", "auth.password_reset_requested", reset);
  dispatcher.runOnce();
  EXPECT_NE(only().textBody.find("secret-token"), std::string::npos);
  clock.advance(std::chrono::seconds(10));
  dispatcher.runOnce();
  EXPECT_EQ(only().status, DeliveryStatus::kSent);
  EXPECT_NE(sender.sent.at(0).textBody.find("secret-token"), std::string::npos);
  EXPECT_EQ(only().textBody, "");
  EXPECT_EQ(only().htmlBody, "");
}

TEST_F(DispatcherTest, AnOperatorRetriesADeadDeliveryWithFreshAttempts) {
  sender.failures.push_back(email::permanentFailure("550 mailbox full"));
  notifier.handle("evt-1", "order.paid", kPaid);
  dispatcher.runOnce();
  ASSERT_EQ(only().status, DeliveryStatus::kDead);
  const Delivery requeued = notifier.retry(only().id);
  EXPECT_EQ(requeued.status, DeliveryStatus::kQueued);
  EXPECT_EQ(requeued.attempts, 0);
  EXPECT_EQ(dispatcher.runOnce(), 1);
  EXPECT_EQ(only().status, DeliveryStatus::kSent);
  try {
    notifier.retry(only().id);
    ADD_FAILURE() << "a sent delivery was requeued";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "not_retryable");
  }
  EXPECT_THROW(notifier.retry("no-such-id"), Error);
}

TEST_F(DispatcherTest, EventsThatSendNothingQueueNothing) {
  EXPECT_FALSE(notifier.handle("evt-x", "order.delivered", kPaid));
  EXPECT_FALSE(notifier.handle("evt-y", "auth.password_reset_requested", {{"userId", "u1"}}));
  EXPECT_TRUE(store.rows.empty());
}

}  // namespace
}  // namespace um::notification

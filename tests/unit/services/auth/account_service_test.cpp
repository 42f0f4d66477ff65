// The auth workflows end to end below HTTP: the real domain over the real SQL store on a
// throwaway SQLite file (the rotation and single-use rules live in conditional UPDATEs,
// so a fake store would only test itself), with a fake clock; reset links are read from the outbox event the notification service
// would turn into an email.

#include "services/auth/domain/account_service.hpp"

#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "adapters/bus/outbox.hpp"
#include "adapters/cache/inprocess/lru_cache.hpp"
#include "adapters/sql/connect.hpp"
#include "adapters/sql/migrations.hpp"
#include "core/error.hpp"
#include "fake_clock.hpp"
#include "services/auth/client.hpp"
#include "services/auth/store/sql_auth_store.hpp"

namespace um::auth {
namespace {

using std::chrono::seconds;
using testing::FakeClock;

constexpr std::string_view kSecret = "unit-test-secret-that-is-long-enough-1234";

std::string errorCode(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "ok";
}

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("um-auth-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
              "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        db_([this] {
          std::filesystem::remove_all(dir_);
          auto db = sql::openServiceDatabase({"", dir_.string(), 1}, "auth");
          bus::Outbox::ensureSchema(*db);
          sql::applyMigrations(*db, sql::migrationsFor("auth", db->dialect(),
                                                       sql::embeddedMigrationFiles()));
          return db;
        }()),
        store_(*db_),
        hasher_(kTestArgon2Params),
        jwt_(std::string(kSecret), seconds(900), clock_),
        cache_(1000, clock_),
        throttle_(cache_, clock_),
        accounts_({store_, hasher_, jwt_, throttle_, cache_, resetLinkBox_, clock_, nullptr, nullptr},
                  options()) {}

  ~AccountServiceTest() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  static AccountServiceOptions options() {
    AccountServiceOptions o;
    o.refreshTokenLifetime = seconds(7 * 24 * 3600);
    o.resetTokenLifetime = seconds(3600);
    o.resetLinkBase = "http://shop.test/reset-password";
    return o;
  }

  Session registered() { return accounts_.registerAccount("Ann@Example.com", "password-one", "Ann"); }

  // The auth.password_reset_requested events in the outbox, oldest first.
  std::vector<nlohmann::json> resetEvents() {
    std::vector<nlohmann::json> out;
    for (const auto& row : db_->execute("SELECT payload FROM outbox WHERE type = "
                                        "'auth.password_reset_requested' ORDER BY seq").rows) {
      out.push_back(nlohmann::json::parse(row.get<std::string>(0)));
    }
    return out;
  }
  // The token in the newest event's link, opened as the notification service opens it.
  std::string lastResetToken() {
    const auto events = resetEvents();
    if (events.empty()) return "";
    const auto link = resetLinkBox_.open(events.back().at("sealedResetUrl").get<std::string>());
    std::smatch match;
    const std::regex re("^http://shop.test/reset-password\\?token=([A-Za-z0-9_-]+)$");
    if (!link || !std::regex_search(*link, match, re)) return "";
    return match[1];
  }

  std::filesystem::path dir_;
  FakeClock clock_;
  std::unique_ptr<sql::Database> db_;
  SqlAuthStore store_;
  PasswordHasher hasher_;
  JwtCodec jwt_;
  cache::LruCache cache_;
  LoginThrottle throttle_;
  const crypto::SealedBox resetLinkBox_{kSecret, kResetLinkSealPurpose};
  AccountService accounts_;
};

TEST_F(AccountServiceTest, RegisterNormalisesEmailAndRefusesADuplicate) {
  const auto s = registered();
  EXPECT_EQ(s.user.email, "ann@example.com");
  EXPECT_EQ(s.user.role, "customer");
  EXPECT_EQ(s.expiresIn, 900);
  EXPECT_EQ(errorCode([&] { accounts_.registerAccount(" ANN@example.COM ", "password-two", "X"); }),
            "email_taken");
}

TEST_F(AccountServiceTest, RefreshRotatesAndTheOldTokenNoLongerWorks) {
  const auto first = registered();
  const auto second = accounts_.refresh(first.refreshToken);
  EXPECT_NE(second.refreshToken, first.refreshToken);
  EXPECT_EQ(second.user.id, first.user.id);
  const auto third = accounts_.refresh(second.refreshToken);
  EXPECT_NE(third.refreshToken, second.refreshToken);
}

TEST_F(AccountServiceTest, ReusingARotatedTokenRevokesTheWholeFamily) {
  const auto first = registered();
  const auto second = accounts_.refresh(first.refreshToken);
  EXPECT_EQ(errorCode([&] { accounts_.refresh(first.refreshToken); }), "invalid_refresh_token");
  // The legitimate holder's newer token died with the family.
  EXPECT_EQ(errorCode([&] { accounts_.refresh(second.refreshToken); }), "invalid_refresh_token");
}

TEST_F(AccountServiceTest, ReuseRevokesOnlyThatFamily) {
  const auto laptop = registered();
  const auto phone = accounts_.login("ann@example.com", "password-one", "10.0.0.1");
  accounts_.refresh(laptop.refreshToken);
  EXPECT_EQ(errorCode([&] { accounts_.refresh(laptop.refreshToken); }), "invalid_refresh_token");
  EXPECT_EQ(errorCode([&] { accounts_.refresh(phone.refreshToken); }), "ok");
}

TEST_F(AccountServiceTest, RefreshTokenExpiresAtItsLifetime) {
  const auto a = registered();
  const auto b = accounts_.login("ann@example.com", "password-one", "10.0.0.1");
  clock_.advance(seconds(7 * 24 * 3600 - 1));
  EXPECT_EQ(errorCode([&] { accounts_.refresh(a.refreshToken); }), "ok");
  clock_.advance(seconds(1));
  EXPECT_EQ(errorCode([&] { accounts_.refresh(b.refreshToken); }), "invalid_refresh_token");
}

TEST_F(AccountServiceTest, GarbageRefreshTokensAreInvalidNotErrors) {
  for (const auto& token : std::vector<std::string>{"", "x", std::string(43, '!'), std::string(43, 'A')}) {
    EXPECT_EQ(errorCode([&] { accounts_.refresh(token); }), "invalid_refresh_token");
  }
}

TEST_F(AccountServiceTest, LogoutRevokesTheFamilyAndIsIdempotent) {
  const auto s = registered();
  const auto rotated = accounts_.refresh(s.refreshToken);
  accounts_.logout(s.refreshToken);  // an older member still identifies the family
  EXPECT_EQ(errorCode([&] { accounts_.refresh(rotated.refreshToken); }), "invalid_refresh_token");
  EXPECT_EQ(errorCode([&] { accounts_.logout(s.refreshToken); }), "ok");
  EXPECT_EQ(errorCode([&] { accounts_.logout("not-a-token"); }), "ok");
}

TEST_F(AccountServiceTest, LoginSameAnswerForUnknownEmailAndWrongPassword) {
  registered();
  EXPECT_EQ(errorCode([&] { accounts_.login("ann@example.com", "wrong-password", "a"); }),
            "invalid_credentials");
  EXPECT_EQ(errorCode([&] { accounts_.login("nobody@example.com", "password-one", "a"); }),
            "invalid_credentials");
  EXPECT_EQ(errorCode([&] { accounts_.login(" ANN@example.com", "password-one", "a"); }), "ok");
}

TEST_F(AccountServiceTest, FifthFailureLocksEvenTheRightPassword) {
  registered();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(errorCode([&] { accounts_.login("ann@example.com", "wrong-password", "a"); }),
              "invalid_credentials");
  }
  EXPECT_EQ(errorCode([&] { accounts_.login("ann@example.com", "password-one", "a"); }),
            "too_many_attempts");
  clock_.advance(seconds(30));
  EXPECT_EQ(errorCode([&] { accounts_.login("ann@example.com", "password-one", "a"); }), "ok");
}

TEST_F(AccountServiceTest, AccessTokenCarriesTheStoredRoleAndStopsWhenDisabled) {
  const auto s = registered();
  EXPECT_EQ(accounts_.verifyAccessToken(s.accessToken).role, "customer");
  accounts_.syncAccount({s.user.id, "Ann", "admin", false, 2});
  EXPECT_EQ(accounts_.verifyAccessToken(s.accessToken).role, "admin");
  accounts_.syncAccount({s.user.id, "Ann", "admin", true, 3});
  EXPECT_EQ(errorCode([&] { accounts_.verifyAccessToken(s.accessToken); }), "invalid_token");
  EXPECT_EQ(errorCode([&] { accounts_.refresh(s.refreshToken); }), "invalid_refresh_token");
  EXPECT_EQ(errorCode([&] { accounts_.login("ann@example.com", "password-one", "a"); }),
            "account_disabled");
}

TEST_F(AccountServiceTest, AStaleAccountUpdateIsIgnored) {
  const auto s = registered();
  accounts_.syncAccount({s.user.id, "Ann", "customer", true, 5});
  accounts_.syncAccount({s.user.id, "Ann", "customer", false, 4});  // late event
  EXPECT_EQ(errorCode([&] { accounts_.verifyAccessToken(s.accessToken); }), "invalid_token");
}

TEST_F(AccountServiceTest, PasswordResetIsSingleUseAndRevokesEveryToken) {
  const auto s = registered();
  clock_.advance(seconds(1));
  accounts_.forgotPassword("ann@example.com");
  const auto events = resetEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("email"), "ann@example.com");
  EXPECT_EQ(events[0].at("expiresInMinutes"), 60);
  // Nothing in the event is usable without the key: the token appears nowhere in clear.
  const auto token = lastResetToken();
  ASSERT_EQ(token.size(), 43u);
  EXPECT_EQ(events[0].dump().find(token), std::string::npos);

  accounts_.resetPassword(token, "password-two");
  EXPECT_EQ(errorCode([&] { accounts_.resetPassword(token, "password-three"); }),
            "invalid_reset_token");
  EXPECT_EQ(errorCode([&] { accounts_.refresh(s.refreshToken); }), "invalid_refresh_token");
  EXPECT_EQ(errorCode([&] { accounts_.verifyAccessToken(s.accessToken); }), "token_revoked");
  EXPECT_EQ(errorCode([&] { accounts_.login("ann@example.com", "password-one", "a"); }),
            "invalid_credentials");
  const auto fresh = accounts_.login("ann@example.com", "password-two", "a");
  EXPECT_EQ(errorCode([&] { accounts_.verifyAccessToken(fresh.accessToken); }), "ok");
}

TEST_F(AccountServiceTest, ResetTokenExpiresAfterAnHour) {
  registered();
  accounts_.forgotPassword("ann@example.com");
  const auto token = lastResetToken();
  clock_.advance(seconds(3600));
  EXPECT_EQ(errorCode([&] { accounts_.resetPassword(token, "password-two"); }),
            "invalid_reset_token");
}

TEST_F(AccountServiceTest, ForgotForAnUnknownEmailSendsNothing) {
  accounts_.forgotPassword("nobody@example.com");
  EXPECT_TRUE(resetEvents().empty());
}

TEST_F(AccountServiceTest, DeletedAccountTokensStopWorkingAndEmailIsFreeAgain) {
  const auto s = registered();
  accounts_.deleteAccount(s.user.id);
  EXPECT_EQ(errorCode([&] { accounts_.verifyAccessToken(s.accessToken); }), "invalid_token");
  EXPECT_EQ(errorCode([&] { accounts_.refresh(s.refreshToken); }), "invalid_refresh_token");
  EXPECT_EQ(errorCode([&] { registered(); }), "ok");
}

}  // namespace
}  // namespace um::auth

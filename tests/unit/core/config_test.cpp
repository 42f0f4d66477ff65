#include "core/config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace um {
namespace {

Config load(std::map<std::string, std::string> vars) {
  return loadConfig([vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}

std::string failure(std::map<std::string, std::string> vars) {
  try {
    load(std::move(vars));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigTest, DefaultsAreTheEmbeddedDevelopmentSetup) {
  Config c = load({});
  EXPECT_EQ(c.port, 3000);
  EXPECT_TRUE(c.databaseUrl.empty());
  EXPECT_EQ(c.jwtExpiresIn, std::chrono::hours(24));
  EXPECT_EQ(c.refreshTokenExpiresIn, std::chrono::hours(24 * 7));
  EXPECT_EQ(c.cacheMaxSize, 10000u);
  EXPECT_TRUE(c.features.analytics);
}

TEST(ConfigTest, ReadsTheGuidesValues) {
  Config c = load({{"PORT", "8080"},
                   {"JWT_EXPIRES_IN", "15m"},
                   {"RATE_LIMIT_WINDOW", "15"},
                   {"CORS_ORIGINS", "https://ultramarket.com, https://admin.ultramarket.com"},
                   {"FEATURE_RECOMMENDATIONS", "false"},
                   {"CDN_URL", "https://cdn.ultramarket.com/"},
                   {"DATABASE_URL", "postgresql://u:p@h:5432/db"}});
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.jwtExpiresIn, std::chrono::minutes(15));
  EXPECT_EQ(c.corsOrigins.size(), 2u);
  EXPECT_EQ(c.corsOrigins[1], "https://admin.ultramarket.com");
  EXPECT_FALSE(c.features.recommendations);
  EXPECT_EQ(c.cdnUrl, "https://cdn.ultramarket.com");
}

TEST(ConfigTest, MalformedValuesNameTheVariable) {
  EXPECT_NE(failure({{"PORT", "80a"}}).find("PORT"), std::string::npos);
  EXPECT_NE(failure({{"PORT", "70000"}}).find("PORT"), std::string::npos);
  EXPECT_NE(failure({{"JWT_EXPIRES_IN", "1 day"}}).find("JWT_EXPIRES_IN"), std::string::npos);
  EXPECT_NE(failure({{"FEATURE_ANALYTICS", "yes"}}).find("FEATURE_ANALYTICS"), std::string::npos);
  EXPECT_NE(failure({{"LOG_LEVEL", "loud"}}).find("LOG_LEVEL"), std::string::npos);
  EXPECT_NE(failure({{"CACHE_TTL", "-1"}}).find("CACHE_TTL"), std::string::npos);
}

TEST(ConfigTest, MalformedUrlIsRefusedWithoutEchoingIt) {
  auto message = failure({{"DATABASE_URL", "mysql://root:hunter2@db/x"}});
  EXPECT_NE(message.find("DATABASE_URL"), std::string::npos);
  EXPECT_EQ(message.find("hunter2"), std::string::npos);
}

TEST(ConfigTest, ProductionRefusesInsecureDefaults) {
  EXPECT_NE(failure({{"NODE_ENV", "production"}}).find("JWT_SECRET"), std::string::npos);
  EXPECT_NE(failure({{"NODE_ENV", "production"},
                     {"JWT_SECRET", std::string(kDevelopmentJwtSecret)},
                     {"REFRESH_TOKEN_SECRET", "another-secret-that-is-long-enough-123"}})
                .find("JWT_SECRET"),
            std::string::npos);
  EXPECT_NE(failure({{"NODE_ENV", "production"},
                     {"JWT_SECRET", "a-production-secret-of-at-least-32-chars"}})
                .find("REFRESH_TOKEN_SECRET"),
            std::string::npos);
  EXPECT_EQ(failure({{"NODE_ENV", "production"},
                     {"JWT_SECRET", "a-production-secret-of-at-least-32-chars"},
                     {"REFRESH_TOKEN_SECRET", "another-secret-that-is-long-enough-123"}}),
            "");
}

TEST(ConfigTest, DurationsUseTheGuidesFormat) {
  EXPECT_EQ(parseDuration("24h"), std::chrono::hours(24));
  EXPECT_EQ(parseDuration("7d"), std::chrono::hours(168));
  EXPECT_EQ(parseDuration("90"), std::chrono::seconds(90));
  EXPECT_FALSE(parseDuration("h"));
  EXPECT_FALSE(parseDuration("5w"));
}

}  // namespace
}  // namespace um

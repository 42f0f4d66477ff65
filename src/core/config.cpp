#include "core/config.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace um {

namespace {

[[noreturn]] void fail(std::string_view name, const std::string& why) {
  throw ConfigError(std::string(name) + ": " + why);
}

class Reader {
 public:
  explicit Reader(const EnvLookup& env) : env_(env) {}

  void string(std::string_view name, std::string& out) {
    if (auto v = env_(name); v && !v->empty()) out = *v;
  }

  void integer(std::string_view name, long long min, long long max, auto& out) {
    auto v = env_(name);
    if (!v || v->empty()) return;
    long long value = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || p != v->data() + v->size() || value < min || value > max) {
      fail(name, "expected an integer from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got '" + *v + "'");
    }
    out = static_cast<std::remove_reference_t<decltype(out)>>(value);
  }

  void boolean(std::string_view name, bool& out) {
    auto v = env_(name);
    if (!v || v->empty()) return;
    if (*v == "true" || *v == "1") {
      out = true;
    } else if (*v == "false" || *v == "0") {
      out = false;
    } else {
      fail(name, "expected true or false, got '" + *v + "'");
    }
  }

  void duration(std::string_view name, std::chrono::seconds& out) {
    auto v = env_(name);
    if (!v || v->empty()) return;
    auto d = parseDuration(*v);
    if (!d || d->count() <= 0) fail(name, "expected a duration like 30s, 15m, 24h or 7d, got '" + *v + "'");
    out = *d;
  }

  void seconds(std::string_view name, std::chrono::seconds& out) {
    long long s = out.count();
    integer(name, 0, 10LL * 365 * 24 * 3600, s);
    out = std::chrono::seconds(s);
  }

  void url(std::string_view name, std::initializer_list<std::string_view> schemes,
           std::string& out) {
    string(name, out);
    if (out.empty()) return;
    for (auto scheme : schemes) {
      if (out.starts_with(std::string(scheme) + "://") && out.size() > scheme.size() + 3) return;
    }
    std::string expected;
    for (auto scheme : schemes) expected += (expected.empty() ? "" : " or ") + std::string(scheme) + "://";
    // Never echo the value: URLs carry passwords.
    fail(name, "expected a URL starting with " + expected);
  }

 private:
  const EnvLookup& env_;
};

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<int> parsePercent(std::string_view text) {
  // Exact decimal parsing: tax is money, and 7.25 must not become 7.249999.
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 3 || frac.size() > 2 ||
      (dot != std::string_view::npos && frac.empty())) {
    return std::nullopt;
  }
  int value = 0;
  for (char ch : whole) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + (ch - '0');
  }
  int hundredths = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    hundredths *= 10;
    if (i < frac.size()) {
      if (frac[i] < '0' || frac[i] > '9') return std::nullopt;
      hundredths += frac[i] - '0';
    }
  }
  const int bps = value * 100 + hundredths;
  if (bps > 10000) return std::nullopt;
  return bps;
}

std::optional<std::map<std::string, int>> parseTaxRates(std::string_view text) {
  std::map<std::string, int> out;
  for (const auto& item : splitList(std::string(text))) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) return std::nullopt;
    std::string country = item.substr(0, eq);
    while (!country.empty() && country.back() == ' ') country.pop_back();
    if (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
        !std::isupper(static_cast<unsigned char>(country[1]))) {
      return std::nullopt;
    }
    std::string rate = item.substr(eq + 1);
    while (!rate.empty() && rate.front() == ' ') rate.erase(rate.begin());
    auto bps = parsePercent(rate);
    if (!bps) return std::nullopt;
    out[country] = *bps;
  }
  return out;
}

std::optional<std::chrono::seconds> parseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || value < 0) return std::nullopt;
  std::string_view unit(p, text.data() + text.size() - p);
  long long factor = 0;
  if (unit.empty() || unit == "s") factor = 1;
  else if (unit == "m") factor = 60;
  else if (unit == "h") factor = 3600;
  else if (unit == "d") factor = 86400;
  else return std::nullopt;
  return std::chrono::seconds(value * factor);
}

Config loadConfig(const EnvLookup& env) {
  Config c;
  Reader r(env);
  r.string("NODE_ENV", c.environment);
  r.integer("PORT", 0, 65535, c.port);
  r.string("API_VERSION", c.apiVersion);
  if (c.apiVersion != "v2") fail("API_VERSION", "only v2 is served, got '" + c.apiVersion + "'");
  r.string("LOG_LEVEL", c.logLevel);
  if (c.logLevel != "debug" && c.logLevel != "info" && c.logLevel != "warn" &&
      c.logLevel != "error") {
    fail("LOG_LEVEL", "expected debug, info, warn or error, got '" + c.logLevel + "'");
  }
  r.url("PUBLIC_URL", {"http", "https"}, c.publicUrl);

  r.url("DATABASE_URL", {"postgres", "postgresql"}, c.databaseUrl);
  r.url("MONGODB_URL", {"mongodb"}, c.mongodbUrl);
  r.url("REDIS_URL", {"redis", "rediss"}, c.redisUrl);
  r.url("ELASTICSEARCH_URL", {"http", "https"}, c.elasticsearchUrl);
  r.string("KAFKA_BROKERS", c.kafkaBrokers);
  r.integer("DB_POOL_SIZE", 1, 256, c.dbPoolSize);

  r.string("JWT_SECRET", c.jwtSecret);
  r.duration("JWT_EXPIRES_IN", c.jwtExpiresIn);
  r.string("REFRESH_TOKEN_SECRET", c.refreshTokenSecret);
  r.duration("REFRESH_TOKEN_EXPIRES_IN", c.refreshTokenExpiresIn);

  r.string("STRIPE_SECRET_KEY", c.stripeSecretKey);
  r.string("STRIPE_WEBHOOK_SECRET", c.stripeWebhookSecret);
  r.string("STRIPE_PUBLISHABLE_KEY", c.stripePublishableKey);
  r.url("STRIPE_API_BASE", {"http", "https"}, c.stripeApiBase);
  r.string("PAYPAL_CLIENT_ID", c.paypalClientId);
  r.string("PAYPAL_CLIENT_SECRET", c.paypalClientSecret);
  r.url("PAYPAL_API_BASE", {"http", "https"}, c.paypalApiBase);
  r.string("PAYPAL_WEBHOOK_ID", c.paypalWebhookId);
  r.string("SENDGRID_API_KEY", c.sendgridApiKey);
  r.url("SENDGRID_API_BASE", {"http", "https"}, c.sendgridApiBase);
  r.url("SMTP_URL", {"smtp", "smtps"}, c.smtpUrl);
  r.string("AWS_ACCESS_KEY_ID", c.awsAccessKeyId);
  r.string("AWS_SECRET_ACCESS_KEY", c.awsSecretAccessKey);

  r.url("CDN_URL", {"http", "https"}, c.cdnUrl);
  while (!c.cdnUrl.empty() && c.cdnUrl.back() == '/') c.cdnUrl.pop_back();
  r.string("S3_BUCKET", c.s3Bucket);
  r.string("S3_REGION", c.s3Region);

  r.url("PROMETHEUS_URL", {"http", "https"}, c.prometheusUrl);
  r.url("GRAFANA_URL", {"http", "https"}, c.grafanaUrl);
  r.url("JAEGER_URL", {"http", "https"}, c.jaegerUrl);
  r.string("SENTRY_DSN", c.sentryDsn);

  std::string cors;
  r.string("CORS_ORIGINS", cors);
  c.corsOrigins = splitList(cors);
  for (const auto& origin : c.corsOrigins) {
    if (origin != "*" && !origin.starts_with("http://") && !origin.starts_with("https://")) {
      fail("CORS_ORIGINS", "each origin must start with http:// or https://, got '" + origin + "'");
    }
  }
  r.integer("RATE_LIMIT_WINDOW", 1, 24 * 60, c.rateLimitWindowMinutes);
  r.integer("RATE_LIMIT_MAX", 1, 100'000'000, c.rateLimitMax);
  r.integer("TRUSTED_PROXY_HOPS", 0, 10, c.trustedProxyHops);
  r.boolean("HELMET_CSP_ENABLED", c.helmetCspEnabled);

  r.seconds("CACHE_TTL", c.cacheTtl);
  r.integer("CACHE_MAX_SIZE", 0, 100'000'000, c.cacheMaxSize);
  r.boolean("REDIS_CACHE_ENABLED", c.redisCacheEnabled);
  r.seconds("CDN_CACHE_TTL", c.cdnCacheTtl);
  r.integer("IO_THREADS", 0, 256, c.ioThreads);
  r.integer("WORKER_THREADS", 1, 1024, c.workerThreads);
  r.integer("MAX_BODY_BYTES", 1024, 1LL << 30, c.maxBodyBytes);
  r.seconds("SHUTDOWN_GRACE_SECONDS", c.shutdownGrace);

  r.string("WEB_DIST_DIR", c.webDistDir);
  r.string("ADMIN_DIST_DIR", c.adminDistDir);

  r.boolean("FEATURE_ANALYTICS", c.features.analytics);
  r.boolean("FEATURE_RECOMMENDATIONS", c.features.recommendations);
  r.boolean("FEATURE_REAL_TIME_CHAT", c.features.realTimeChat);
  r.boolean("FEATURE_PAYMENT_GATEWAY_STRIPE", c.features.paymentGatewayStripe);
  r.boolean("FEATURE_PAYMENT_GATEWAY_PAYPAL", c.features.paymentGatewayPaypal);

  r.integer("SHIPPING_FLAT_RATE", 0, 100'000'000, c.checkout.shippingFlatRate);
  r.integer("FREE_SHIPPING_THRESHOLD", 0, 1'000'000'000'000, c.checkout.freeShippingThreshold);
  if (auto v = env("TAX_RATES"); v && !v->empty()) {
    auto rates = parseTaxRates(*v);
    if (!rates) fail("TAX_RATES", "expected COUNTRY=PERCENT[,COUNTRY=PERCENT] like DE=19,US=7.25, got '" + *v + "'");
    c.checkout.taxRates = std::move(*rates);
  }
  if (auto v = env("TAX_DEFAULT_RATE"); v && !v->empty()) {
    auto bps = parsePercent(*v);
    if (!bps) fail("TAX_DEFAULT_RATE", "expected a percentage like 0, 20 or 7.25, got '" + *v + "'");
    c.checkout.defaultTaxRate = *bps;
  }
  r.duration("ORDER_RESERVATION_TTL", c.checkout.reservationTtl);
  if (c.checkout.reservationTtl > std::chrono::hours(24)) {
    fail("ORDER_RESERVATION_TTL", "at most 24h");
  }
  r.duration("PAYMENT_RECONCILE_AFTER", c.checkout.paymentReconcileAfter);

  r.string("EMAIL_FROM", c.notifications.emailFrom);
  {
    const auto& from = c.notifications.emailFrom;
    const auto at = from.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == from.size() ||
        from.find_first_of("\r\n") != std::string::npos) {
      fail("EMAIL_FROM", "expected an address like 'UltraMarket <no-reply@example.com>', got '" +
                             from + "'");
    }
  }
  r.integer("NOTIFICATION_MAX_ATTEMPTS", 1, 100, c.notifications.maxAttempts);
  r.duration("NOTIFICATION_RETRY_BASE", c.notifications.retryBase);
  r.duration("NOTIFICATION_RETRY_MAX", c.notifications.retryMax);
  if (c.notifications.retryMax < c.notifications.retryBase) {
    fail("NOTIFICATION_RETRY_MAX", "must not be shorter than NOTIFICATION_RETRY_BASE");
  }

  if (c.isProduction()) {
    if (c.jwtSecret.empty()) fail("JWT_SECRET", "required when NODE_ENV=production");
    if (c.jwtSecret == kDevelopmentJwtSecret || c.jwtSecret.size() < 32) {
      fail("JWT_SECRET", "must be at least 32 characters and not the development default");
    }
    if (c.refreshTokenSecret.empty()) {
      fail("REFRESH_TOKEN_SECRET", "required when NODE_ENV=production");
    }
    if (c.refreshTokenSecret == c.jwtSecret) {
      fail("REFRESH_TOKEN_SECRET", "must differ from JWT_SECRET");
    }
    for (const auto& origin : c.corsOrigins) {
      if (origin == "*") fail("CORS_ORIGINS", "'*' is refused when NODE_ENV=production");
    }
  }
  if (c.jwtSecret.empty()) c.jwtSecret = std::string(kDevelopmentJwtSecret);
  if (c.refreshTokenSecret.empty()) c.refreshTokenSecret = c.jwtSecret + "-refresh";
  return c;
}

Config loadConfigFromEnvironment() {
  return loadConfig([](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  });
}

}  // namespace um

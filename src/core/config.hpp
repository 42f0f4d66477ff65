#pragma once

// Process configuration from the environment, by the operators' guide's variable names
// (see docs/configuration.md). Everything is parsed and validated once at start-up: a
// malformed value stops the process with a message naming the variable.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace um {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FeatureFlags {
  bool analytics = true;
  bool recommendations = true;
  bool realTimeChat = true;
  bool paymentGatewayStripe = true;
  bool paymentGatewayPaypal = true;
};

// What checkout charges on top of the goods and how long it holds things (order and
// payment services). Money in minor units of the order's currency; rates in basis points.
struct CheckoutSettings {
  std::int64_t shippingFlatRate = 499;        // SHIPPING_FLAT_RATE
  std::int64_t freeShippingThreshold = 5000;  // FREE_SHIPPING_THRESHOLD (0: never free)
  std::map<std::string, int> taxRates;        // TAX_RATES "DE=19,FR=20,US=7.25" (percent)
  int defaultTaxRate = 0;                     // TAX_DEFAULT_RATE (percent, as basis points)
  std::chrono::seconds reservationTtl{15 * 60};       // ORDER_RESERVATION_TTL
  std::chrono::seconds paymentReconcileAfter{120};    // PAYMENT_RECONCILE_AFTER
};

// How the notification service sends email; SENDGRID_API_KEY or SMTP_URL choose the adapter.
struct NotificationSettings {
  std::string emailFrom = "UltraMarket <no-reply@ultramarket.local>";  // EMAIL_FROM
  int maxAttempts = 8;                    // NOTIFICATION_MAX_ATTEMPTS: then the delivery is dead
  std::chrono::seconds retryBase{30};     // NOTIFICATION_RETRY_BASE: first retry's delay
  std::chrono::seconds retryMax{3600};    // NOTIFICATION_RETRY_MAX: the longest delay
};

struct Config {
  // Application
  std::string environment = "development";  // NODE_ENV
  std::uint16_t port = 3000;                // PORT
  std::string apiVersion = "v2";            // API_VERSION
  std::string logLevel = "info";            // LOG_LEVEL: debug|info|warn|error
  std::string publicUrl;                    // PUBLIC_URL: base of links in emails

  // Data stores: unset → the embedded adapter
  std::string databaseUrl;       // DATABASE_URL (postgres:// or postgresql://)
  std::string mongodbUrl;        // MONGODB_URL
  std::string redisUrl;          // REDIS_URL
  std::string elasticsearchUrl;  // ELASTICSEARCH_URL
  std::string kafkaBrokers;      // KAFKA_BROKERS: host:port[,host:port]
  int dbPoolSize = 8;            // DB_POOL_SIZE: connections per service

  // Authentication
  std::string jwtSecret;                                    // JWT_SECRET
  std::chrono::seconds jwtExpiresIn{24 * 3600};             // JWT_EXPIRES_IN
  std::string refreshTokenSecret;                           // REFRESH_TOKEN_SECRET
  std::chrono::seconds refreshTokenExpiresIn{7 * 24 * 3600};  // REFRESH_TOKEN_EXPIRES_IN

  // External services
  std::string stripeSecretKey;      // STRIPE_SECRET_KEY
  std::string stripeWebhookSecret;  // STRIPE_WEBHOOK_SECRET
  std::string stripePublishableKey;  // STRIPE_PUBLISHABLE_KEY: public, for Stripe.js in the storefront
  std::string stripeApiBase = "https://api.stripe.com";  // STRIPE_API_BASE
  std::string paypalClientId;       // PAYPAL_CLIENT_ID
  std::string paypalClientSecret;   // PAYPAL_CLIENT_SECRET
  std::string paypalApiBase = "https://api-m.paypal.com";  // PAYPAL_API_BASE
  std::string paypalWebhookId;      // PAYPAL_WEBHOOK_ID: verifies PayPal webhooks
  std::string sendgridApiKey;       // SENDGRID_API_KEY
  std::string sendgridApiBase = "https://api.sendgrid.com";  // SENDGRID_API_BASE
  std::string smtpUrl;              // SMTP_URL: smtp://host:port
  std::string awsAccessKeyId;       // AWS_ACCESS_KEY_ID
  std::string awsSecretAccessKey;   // AWS_SECRET_ACCESS_KEY

  // CDN & storage
  std::string cdnUrl;    // CDN_URL
  std::string s3Bucket;  // S3_BUCKET
  std::string s3Region;  // S3_REGION

  // Monitoring
  std::string prometheusUrl;  // PROMETHEUS_URL
  std::string grafanaUrl;     // GRAFANA_URL
  std::string jaegerUrl;      // JAEGER_URL
  std::string sentryDsn;      // SENTRY_DSN

  // Security
  std::vector<std::string> corsOrigins;  // CORS_ORIGINS, comma-separated
  int rateLimitWindowMinutes = 15;       // RATE_LIMIT_WINDOW (minutes)
  int rateLimitMax = 1000;               // RATE_LIMIT_MAX (requests per window per client)
  int trustedProxyHops = 0;              // TRUSTED_PROXY_HOPS: proxies appending X-Forwarded-For
  bool helmetCspEnabled = true;          // HELMET_CSP_ENABLED

  // Performance
  std::chrono::seconds cacheTtl{3600};     // CACHE_TTL (seconds)
  std::size_t cacheMaxSize = 10000;        // CACHE_MAX_SIZE (entries)
  bool redisCacheEnabled = false;          // REDIS_CACHE_ENABLED
  std::chrono::seconds cdnCacheTtl{86400};  // CDN_CACHE_TTL (seconds)
  int ioThreads = 0;                       // IO_THREADS: 0 → one per core
  int workerThreads = 32;                  // WORKER_THREADS: pool for handlers that block
  std::size_t maxBodyBytes = 1 << 20;      // MAX_BODY_BYTES
  std::chrono::seconds shutdownGrace{25};  // SHUTDOWN_GRACE_SECONDS

  // Built front ends served by the all-in-one process; empty → next to the binary
  // (<repo>/web/dist, <repo>/admin/dist). In Kubernetes nginx pods serve them instead.
  std::string webDistDir;    // WEB_DIST_DIR
  std::string adminDistDir;  // ADMIN_DIST_DIR

  FeatureFlags features;  // FEATURE_*

  CheckoutSettings checkout;

  NotificationSettings notifications;

  bool isProduction() const { return environment == "production"; }
};

using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Reads and validates; throws ConfigError naming the offending variable.
Config loadConfig(const EnvLookup& env);
// loadConfig over the process environment.
Config loadConfigFromEnvironment();

// "DE=19,FR=20,US=7.25": ISO country codes to percentages with at most two decimals, as
// basis points (19 → 1900). nullopt when malformed.
std::optional<std::map<std::string, int>> parseTaxRates(std::string_view text);
// "7.25" → 725 basis points; nullopt when malformed or above 100 %.
std::optional<int> parsePercent(std::string_view text);

// "30s", "15m", "24h", "7d" or a bare number of seconds; nullopt when malformed.
std::optional<std::chrono::seconds> parseDuration(std::string_view text);

// The development-only JWT secret; production refuses to start with it.
inline constexpr std::string_view kDevelopmentJwtSecret =
    "ultramarket-development-jwt-secret-do-not-use-in-production";

}  // namespace um

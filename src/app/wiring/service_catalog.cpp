#include "app/wiring/service_catalog.hpp"

#include "services/analytics/service.hpp"
#include "services/auth/service.hpp"
#include "services/cart/service.hpp"
#include "services/notification/service.hpp"
#include "services/order/service.hpp"
#include "services/payment/service.hpp"
#include "services/product/service.hpp"
#include "services/search/service.hpp"
#include "services/user/service.hpp"

namespace um::app {

const std::vector<ServiceDefinition>& serviceCatalog() {
  // The guide's nine services. A service joins by filling in its registration function.
  static const std::vector<ServiceDefinition> catalog = {
      {"auth", auth::registerAuthService}, {"user", user::registerUserService},   {"product", product::registerProductService},
      // Carts live in Redis in production, which keeps them through a crash of the process
      // but not every last write through a crash of the server: on PostgreSQL they are
      // kept the same way, and a checkout's cart update then costs no WAL flush.
      {"cart", cart::registerCartService, sql::Durability::kProcessCrashSafe},         {"order", order::registerOrderService},  {"payment", payment::registerPaymentService},
      {"notification", notification::registerNotificationService}, {"search", search::registerSearchService}, {"analytics", analytics::registerAnalyticsService},
  };
  return catalog;
}

const ServiceDefinition* findService(const std::string& name) {
  for (const auto& s : serviceCatalog()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace um::app

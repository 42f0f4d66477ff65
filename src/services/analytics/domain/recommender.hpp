#pragma once

// "Customers also bought": for one product, the products most often in the same paid
// orders, then the best sellers of its category, never the product itself and never
// anything that cannot be bought now (sold out, archived, draft).
//
// The candidates come from the analytics collections (co-purchases and sales from
// order.paid, the catalog projection from product events); their availability is checked
// live with the product service when it answers (product::Client), so a product that sold
// out a moment ago is not offered even before its event arrives.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/docstore/docstore.hpp"

namespace um::product {
class Client;
}

namespace um::analytics {

class Recommender {
 public:
  // `catalog` returns the product service's client, or null when none can be reached.
  Recommender(docstore::DocumentStore& docs, std::function<product::Client*()> catalog);

  // Products as the contract's Product JSON, best first. Throws Error::notFound("product")
  // for an unknown id or slug.
  std::vector<nlohmann::json> recommend(const std::string& idOrSlug, int limit);

  static constexpr int kDefaultLimit = 8;
  static constexpr int kMaxLimit = 24;

 private:
  struct Target {
    std::string id;
    std::string categoryId;
  };
  Target resolve(const std::string& idOrSlug);
  std::vector<std::string> boughtTogether(const std::string& productId, int limit);
  std::vector<std::string> popularInCategory(const std::string& categoryId, int limit);
  std::vector<nlohmann::json> available(const std::vector<std::string>& ids, int limit);

  docstore::DocumentStore& docs_;
  std::function<product::Client*()> catalog_;
};

}  // namespace um::analytics

#include "services/analytics/domain/recommender.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/log.hpp"
#include "services/analytics/domain/collections.hpp"
#include "services/product/client.hpp"

namespace um::analytics {

namespace {

using docstore::Accumulator;
using docstore::Aggregation;
using docstore::Condition;
using nlohmann::json;

// How many candidates of each kind are looked at: enough that filtering out sold-out
// products still leaves a full list.
constexpr int kCandidateFactor = 4;
// Category members whose sales are compared.
constexpr int kCategoryScan = 500;

std::string stringOf(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : "";
}

std::int64_t integerOf(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

}  // namespace

Recommender::Recommender(docstore::DocumentStore& docs, std::function<product::Client*()> catalog)
    : docs_(docs), catalog_(std::move(catalog)) {}

Recommender::Target Recommender::resolve(const std::string& idOrSlug) {
  auto doc = docs_.findById(collections::kProducts, idOrSlug);
  if (!doc) {
    auto bySlug = docs_.find(collections::kProducts, {{Condition::eq("slug", idOrSlug)}, {}, 1});
    if (!bySlug.empty()) doc = bySlug.front();
  }
  if (doc) return {stringOf(*doc, "_id"), stringOf(*doc, "categoryId")};
  // Not projected yet (its event is on the way): the catalog itself knows whether it exists.
  try {
    if (auto* catalog = catalog_()) {
      const auto variants = catalog->productVariants(idOrSlug);
      if (!variants.empty()) return {variants.front().productId, ""};
    }
  } catch (const std::exception& e) {
    log::warn("recommendations: catalog unavailable", {{"error", e.what()}});
  }
  throw Error::notFound("product");
}

std::vector<std::string> Recommender::boughtTogether(const std::string& productId, int limit) {
  Aggregation a;
  a.where = {Condition::eq("a", productId)};
  a.groupBy = {"b"};
  a.accumulators = {Accumulator::count("orders")};
  a.sort = {{"orders", true}};
  a.limit = limit;
  std::vector<std::string> out;
  for (const auto& row : docs_.aggregate(collections::kCoPurchases, a)) out.push_back(stringOf(row, "b"));
  return out;
}

std::vector<std::string> Recommender::popularInCategory(const std::string& categoryId, int limit) {
  if (categoryId.empty()) return {};
  // The category's buyable products, by the catalog's own popularity, newest first on ties.
  const auto members = docs_.find(
      collections::kProducts,
      {{Condition::eq("categoryId", categoryId), Condition::eq("status", "active"), Condition::gt("stock", 0)},
       {{"popularity", true}, {"createdAt", true}},
       kCategoryScan});
  if (members.empty()) return {};
  json ids = json::array();
  std::map<std::string, std::size_t> rank;  // position in `members`
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto id = stringOf(members[i], "_id");
    ids.push_back(id);
    rank[id] = i;
  }
  // Units sold rank first; the catalog's order breaks ties and ranks unsold products.
  Aggregation a;
  a.where = {Condition::in("productId", ids)};
  a.groupBy = {"productId"};
  a.accumulators = {Accumulator::sum("units", "units")};
  std::map<std::string, std::int64_t> units;
  for (const auto& row : docs_.aggregate(collections::kSales, a)) {
    units[stringOf(row, "productId")] = integerOf(row, "units");
  }
  std::vector<std::string> out;
  for (const auto& [id, _] : rank) out.push_back(id);
  std::sort(out.begin(), out.end(), [&](const std::string& x, const std::string& y) {
    const auto ux = units.count(x) ? units.at(x) : 0;
    const auto uy = units.count(y) ? units.at(y) : 0;
    if (ux != uy) return ux > uy;
    return rank.at(x) < rank.at(y);
  });
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
  return out;
}

std::vector<json> Recommender::available(const std::vector<std::string>& ids, int limit) {
  std::vector<json> products;
  for (const auto& id : ids) {
    auto doc = docs_.findById(collections::kProducts, id);
    if (!doc || stringOf(*doc, "status") != "active" || integerOf(*doc, "stock") <= 0) continue;
    if (!doc->contains("product") || !(*doc)["product"].is_object()) continue;
    products.push_back((*doc)["product"]);
  }

  // Live stock and status from the catalog, when it answers; otherwise the projection's.
  try {
    if (auto* catalog = catalog_(); catalog && !products.empty()) {
      std::vector<std::string> variantIds;
      for (const auto& p : products) {
        if (!p.contains("variants") || !p["variants"].is_array()) continue;
        for (const auto& v : p["variants"]) {
          if (v.contains("id") && v["id"].is_string()) variantIds.push_back(v["id"].get<std::string>());
        }
      }
      std::map<std::string, product::PricedVariant> live;
      for (auto& v : catalog->variants(variantIds)) live[v.variantId] = v;
      std::vector<json> checked;
      for (auto& p : products) {
        std::int64_t stock = 0;
        bool purchasable = false;
        for (auto& v : p["variants"]) {
          auto it = live.find(stringOf(v, "id"));
          if (it == live.end()) continue;
          v["stock"] = it->second.available;
          stock += it->second.available;
          purchasable = purchasable || it->second.purchasable;
        }
        if (!purchasable || stock <= 0) continue;
        p["stock"] = stock;
        checked.push_back(std::move(p));
      }
      products = std::move(checked);
    }
  } catch (const std::exception& e) {
    log::warn("recommendations: live stock check skipped", {{"error", e.what()}});
  }
  if (static_cast<int>(products.size()) > limit) products.resize(static_cast<std::size_t>(limit));
  return products;
}

std::vector<json> Recommender::recommend(const std::string& idOrSlug, int limit) {
  limit = std::clamp(limit, 1, kMaxLimit);
  const Target target = resolve(idOrSlug);
  std::vector<std::string> candidates;
  std::set<std::string> seen{target.id};
  auto add = [&](const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
      if (seen.insert(id).second) candidates.push_back(id);
    }
  };
  add(boughtTogether(target.id, limit * kCandidateFactor));
  add(popularInCategory(target.categoryId, limit * kCandidateFactor));
  return available(candidates, limit);
}

}  // namespace um::analytics

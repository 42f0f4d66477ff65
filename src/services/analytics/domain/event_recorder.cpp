#include "services/analytics/domain/event_recorder.hpp"

#include <map>
#include <vector>

#include "services/analytics/domain/collections.hpp"
#include "services/analytics/domain/time_window.hpp"

namespace um::analytics {

namespace {

using docstore::Condition;
using docstore::WriteOp;
using nlohmann::json;

std::string str(const json& p, const char* key) {
  auto it = p.find(key);
  return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

std::int64_t integer(const json& p, const char* key) {
  auto it = p.find(key);
  return it != p.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// What analytics keeps of a payload: no contact details (the events outlive accounts and are
// read by many), and for catalog events only which product and revision, not the whole
// product on every stock change.
json strippedPayload(const std::string& type, const json& payload) {
  if (!payload.is_object()) return json::object();
  if (type.starts_with("product.") || type == "inventory.changed") {
    const json& product = payload.contains("product") ? payload["product"] : payload;
    return {{"productId", str(product, "id")}, {"revision", integer(payload, "revision")}};
  }
  json out = payload;
  for (const char* key : {"email", "name", "phone", "shippingAddress", "address", "token", "resetUrl"}) {
    out.erase(key);
  }
  return out;
}

}  // namespace

EventRecorder::EventRecorder(docstore::DocumentStore& docs, RecorderOptions options,
                             std::function<void()> changed)
    : docs_(docs), options_(options), changed_(std::move(changed)) {}

void EventRecorder::record(const DomainEvent& e) {
  if (!e.payload.is_object()) return;
  // Everything one event adds goes to the store in one write: an order's event is half a
  // dozen documents, and one commit each cost more than the rest of the work.
  Writes writes;
  if (options_.analytics) recordEvent(e, writes);
  if (e.type.starts_with("order.")) {
    if (options_.analytics) recordOrder(e, writes);
    if (e.type == "order.paid") recordSale(e, writes);
  } else if (e.type == "cart.updated" && options_.analytics) {
    recordCart(e, writes);
  } else if ((e.type.starts_with("product.") || e.type == "inventory.changed") &&
             options_.recommendations) {
    recordProduct(e, writes);
  }
  if (!writes.empty()) docs_.bulkWrite(writes);
  if (e.type == "user.deleted" && options_.analytics) {
    // Erasure: the person's own trail goes (this event's record too); counts made from it
    // (orders, money) stay.
    const std::string userId = str(e.payload, "userId");
    if (!userId.empty()) docs_.deleteMany(collections::kEvents, {Condition::eq("userId", userId)});
  }
  if (options_.analytics && (e.type.starts_with("order.") || e.type.starts_with("payment.") ||
                             e.type == "cart.updated")) {
    changed_();
  }
}

void EventRecorder::recordEvent(const DomainEvent& e, Writes& writes) {
  json doc = {{"_id", e.id},
              {"source", "bus"},
              {"type", e.type},
              {"at", e.occurredAt},
              {"day", dayOf(e.occurredAt)},
              {"aggregateId", e.aggregateId},
              {"data", strippedPayload(e.type, e.payload)}};
  const std::string userId = str(e.payload, "userId");
  if (!userId.empty()) {
    doc["userId"] = userId;
    doc["actor"] = "user:" + userId;
  }
  writes.push_back(WriteOp::insert(collections::kEvents, {std::move(doc)}));
}

void EventRecorder::recordOrder(const DomainEvent& e, Writes& writes) {
  const json& p = e.payload;
  const std::string orderId = str(p, "orderId").empty() ? e.aggregateId : str(p, "orderId");
  // Read, merge, replace: one consumer thread handles one order's events in order, so no
  // other writer races this document.
  json order = docs_.findById(collections::kOrders, orderId)
                   .value_or(json{{"_id", orderId}, {"paid", false}});
  order["currency"] = str(p, "currency");
  order["total"] = integer(p, "total");
  if (!str(p, "status").empty()) order["status"] = str(p, "status");
  if (!str(p, "userId").empty()) order["userId"] = str(p, "userId");
  if (e.type == "order.created" && !order.contains("createdAt")) {
    order["createdAt"] = e.occurredAt;
    order["createdDay"] = dayOf(e.occurredAt);
  }
  if (e.type == "order.paid" && !order.value("paid", false)) {
    order["paid"] = true;
    order["paidAt"] = e.occurredAt;
  }
  writes.push_back(WriteOp::upsert(collections::kOrders, std::move(order)));

  // The ledger's ids make each movement count once: an order is paid once; a refund has its
  // own id.
  if (e.type == "order.paid") {
    writes.push_back(WriteOp::insert(collections::kLedger, {{{"_id", "paid|" + orderId},
                                                             {"kind", "paid"},
                                                             {"orderId", orderId},
                                                             {"amount", integer(p, "total")},
                                                             {"currency", str(p, "currency")},
                                                             {"at", e.occurredAt},
                                                             {"day", dayOf(e.occurredAt)}}}));
  } else if (e.type == "order.refunded" && integer(p, "amount") > 0) {
    const std::string refundId = str(p, "refundId").empty() ? e.id : str(p, "refundId");
    writes.push_back(WriteOp::insert(collections::kLedger, {{{"_id", "refund|" + refundId},
                                                             {"kind", "refund"},
                                                             {"orderId", orderId},
                                                             {"amount", -integer(p, "amount")},
                                                             {"currency", str(p, "currency")},
                                                             {"at", e.occurredAt},
                                                             {"day", dayOf(e.occurredAt)}}}));
  }
}

void EventRecorder::recordSale(const DomainEvent& e, Writes& writes) {
  const json& p = e.payload;
  const std::string orderId = str(p, "orderId").empty() ? e.aggregateId : str(p, "orderId");
  if (!p.contains("items") || !p["items"].is_array()) return;

  struct Line {
    std::string name;
    std::int64_t units = 0;
    std::int64_t revenue = 0;
  };
  std::map<std::string, Line> byProduct;  // a product's variants count together
  std::vector<std::string> order;         // first appearance, for the pair cap
  for (const auto& item : p["items"]) {
    const std::string productId = str(item, "productId");
    if (productId.empty()) continue;
    auto [it, fresh] = byProduct.try_emplace(productId);
    if (fresh) order.push_back(productId);
    it->second.name = str(item, "name");
    it->second.units += integer(item, "quantity");
    it->second.revenue += integer(item, "quantity") * integer(item, "unitPrice");
  }

  std::vector<docstore::Document> sales;
  for (const auto& [productId, line] : byProduct) {
    sales.push_back({{"_id", orderId + "|" + productId},
                     {"orderId", orderId},
                     {"productId", productId},
                     {"name", line.name},
                     {"units", line.units},
                     {"revenue", line.revenue},
                     {"currency", str(p, "currency")},
                     {"at", e.occurredAt},
                     {"day", dayOf(e.occurredAt)}});
  }
  writes.push_back(WriteOp::insert(collections::kSales, std::move(sales)));

  if (!options_.recommendations) return;
  if (order.size() > kMaxPairedProducts) order.resize(kMaxPairedProducts);
  std::vector<docstore::Document> pairs;
  for (const auto& a : order) {
    for (const auto& b : order) {
      if (a == b) continue;
      pairs.push_back({{"_id", orderId + "|" + a + "|" + b}, {"a", a}, {"b", b}, {"at", e.occurredAt}});
    }
  }
  if (!pairs.empty()) {
    writes.push_back(WriteOp::insert(collections::kCoPurchases, std::move(pairs)));
  }
}

void EventRecorder::recordCart(const DomainEvent& e, Writes& writes) {
  if (integer(e.payload, "itemCount") <= 0) return;
  const std::string cartId = str(e.payload, "cartId").empty() ? e.aggregateId : str(e.payload, "cartId");
  // Only the first event with items creates the document; later ones find it there.
  writes.push_back(
      WriteOp::insert(collections::kCarts,
                      {{{"_id", cartId}, {"at", e.occurredAt}, {"day", dayOf(e.occurredAt)}}}));
}

void EventRecorder::recordProduct(const DomainEvent& e, Writes& writes) {
  const json& p = e.payload;
  if (!p.contains("product") || !p["product"].is_object()) return;
  const json& product = p["product"];
  const std::string id = str(product, "id");
  if (id.empty()) return;
  const std::int64_t revision = integer(p, "revision");
  // Late or repeated events carry older revisions: the newest one wins.
  if (auto stored = docs_.findById(collections::kProducts, id)) {
    if (stored->value("revision", std::int64_t{0}) > revision) return;
  }
  std::string categoryId;
  if (product.contains("category") && product["category"].is_object()) {
    categoryId = str(product["category"], "id");
  }
  writes.push_back(
      WriteOp::upsert(collections::kProducts, {{"_id", id},
                                               {"slug", str(product, "slug")},
                                               {"categoryId", categoryId},
                                               {"status", str(product, "status")},
                                               {"stock", integer(product, "stock")},
                                               {"revision", revision},
                                               {"popularity", integer(p, "popularity")},
                                               {"createdAt", str(product, "createdAt")},
                                               {"product", product}}));
}

}  // namespace um::analytics

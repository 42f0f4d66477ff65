#pragma once

// Records the platform's domain events (from the bus) as analytics documents: each event
// itself, and the facts the metrics and recommendations are computed from (orders, money in
// and out, carts, units sold, products bought together, the catalog). Idempotent: every
// document's _id comes from what caused it, so a redelivered event changes nothing.

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/docstore/docstore.hpp"

namespace um::analytics {

struct RecorderOptions {
  bool analytics = true;        // FEATURE_ANALYTICS: events, orders, ledger, carts, sales
  bool recommendations = true;  // FEATURE_RECOMMENDATIONS: sales, co-purchases, products
};

struct DomainEvent {
  std::string id;
  std::string type;
  std::string aggregateId;
  std::string occurredAt;  // RFC 3339
  nlohmann::json payload;
};

class EventRecorder {
 public:
  // `changed` runs after an event that moves a business metric was recorded.
  EventRecorder(docstore::DocumentStore& docs, RecorderOptions options,
                std::function<void()> changed = [] {});

  void record(const DomainEvent& event);

  // Orders with more distinct products than this count pairs among the first ones only, so
  // one huge order cannot write tens of thousands of documents.
  static constexpr std::size_t kMaxPairedProducts = 50;

 private:
  // The documents one event adds, written together at the end of record().
  using Writes = std::vector<docstore::WriteOp>;
  void recordEvent(const DomainEvent& e, Writes& writes);
  void recordOrder(const DomainEvent& e, Writes& writes);
  void recordSale(const DomainEvent& e, Writes& writes);
  void recordCart(const DomainEvent& e, Writes& writes);
  void recordProduct(const DomainEvent& e, Writes& writes);

  docstore::DocumentStore& docs_;
  RecorderOptions options_;
  std::function<void()> changed_;
};

}  // namespace um::analytics

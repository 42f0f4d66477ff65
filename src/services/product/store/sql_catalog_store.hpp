#pragma once

// The catalog on the relational port, in portable SQL (SQLite and PostgreSQL alike).
// Stock is guarded by conditional UPDATEs (`... WHERE stock - reserved >= n`) rather than
// SELECT ... FOR UPDATE, which SQLite lacks: the check and the change are one statement, so
// no interleaving of two buyers can take the same unit twice.

#include "adapters/sql/database.hpp"
#include "services/product/domain/catalog_store.hpp"
#include "services/product/domain/product_json.hpp"

namespace um::product {

class SqlCatalogStore final : public CatalogStore {
 public:
  // The name under which order events are recorded as processed (bus::markProcessed).
  static constexpr const char* kPopularityConsumer = "product-popularity";

  SqlCatalogStore(sql::Database& db, ImageUrls images);

  std::vector<Category> listCategories() override;
  std::optional<Category> findCategory(const std::string& idOrSlug) override;
  void insertCategory(const Category& category) override;
  void updateCategory(const Category& category) override;
  bool categoryInUse(const std::string& id) override;
  void deleteCategory(const std::string& id) override;

  std::optional<Product> findProduct(const std::string& idOrSlug) override;
  std::int64_t countProducts() override;
  bool slugTaken(const std::string& slug, const std::string& exceptId) override;
  std::vector<std::string> takenSkus(const std::vector<std::string>& skus,
                                     const std::string& exceptProductId) override;
  void insertProducts(const std::vector<Product>& products) override;
  Product updateProduct(const Product& product, const std::string& eventType) override;
  std::optional<Page> listProducts(const ListQuery& query, const std::optional<Cursor>& after,
                                   const std::optional<Category>& category) override;

  bool addPopularity(const std::string& eventId, const UnitsByProduct& units) override;
  StockChange setStock(const std::string& variantId, std::int64_t stock) override;
  std::optional<ReserveFailure> reserve(const Reservation& reservation) override;
  Transition commitReservation(const std::string& id, TimePoint now) override;
  Transition releaseReservation(const std::string& id, TimePoint now) override;
  Transition restockReservation(const std::string& id, TimePoint now) override;
  int releaseExpired(TimePoint now, int limit) override;
  int publishStockChanges(int limit) override;
  std::optional<Reservation> findReservation(const std::string& id) override;
  std::vector<std::pair<Product, Variant>> findVariants(
      const std::vector<std::string>& variantIds) override;

  // The payload of product.* and inventory.changed: the public Product plus what consumers
  // need beyond it (revision for idempotent ordering, the category's ancestors, popularity).
  static Json eventPayload(const Product& product, const std::vector<std::string>& categoryPath,
                           const ImageUrls& images);

 private:
  // Re-reads products and appends one `type` event for each, inside `tx`.
  void appendEvents(sql::Transaction& tx, const std::vector<std::string>& productIds,
                    const std::string& type);
  // The same from the answers to eventReads() (three results from `first`), when they were
  // sent in a round trip with other statements.
  Transition moveAndAnnounce(const std::string& id, const std::string& target, TimePoint now,
                             const std::string& stockChange, const std::string& from);
  void appendEventsFrom(sql::Transaction& tx, const std::vector<sql::Result>& results,
                        std::size_t first, const std::string& type);
  // Appends one `type` event for each of `products` (as they are now), in bulk.
  void appendEventsFor(sql::Transaction& tx, const std::vector<Product>& products,
                       const std::string& type);

  sql::Database& db_;
  ImageUrls images_;
};

}  // namespace um::product

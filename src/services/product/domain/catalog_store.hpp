#pragma once

// Persistence of the catalog, behind an interface so the domain rules are tested without a
// database. Every write appends its events (product.*, inventory.changed) to the outbox in
// the same transaction, so an event exists exactly when the change committed.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/product/domain/model.hpp"

namespace um::product {

// Why a reservation line could not be held; the whole reservation then holds nothing.
struct ReserveFailure {
  std::string variantId;
  bool unknownVariant = false;  // else: not enough available
};

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;

  // Categories
  virtual std::vector<Category> listCategories() = 0;  // with productCount
  virtual std::optional<Category> findCategory(const std::string& idOrSlug) = 0;
  virtual void insertCategory(const Category& category) = 0;
  // Also moves the paths of descendants and, when the name, slug or place changed, appends
  // product.updated for every product here and below (their category or ancestry changed).
  virtual void updateCategory(const Category& category) = 0;
  virtual bool categoryInUse(const std::string& id) = 0;       // children or products
  virtual void deleteCategory(const std::string& id) = 0;

  // Products
  virtual std::optional<Product> findProduct(const std::string& idOrSlug) = 0;
  virtual std::int64_t countProducts() = 0;  // every status
  virtual bool slugTaken(const std::string& slug, const std::string& exceptId) = 0;
  virtual std::vector<std::string> takenSkus(const std::vector<std::string>& skus,
                                             const std::string& exceptProductId) = 0;
  // Inserts products with their variants and appends product.created for each.
  virtual void insertProducts(const std::vector<Product>& products) = 0;
  // Writes the product's own fields and its variants' descriptive fields (never stock),
  // inserts new variants, bumps the revision and appends `eventType`. Returns the stored
  // product as re-read in the same transaction.
  virtual Product updateProduct(const Product& product, const std::string& eventType) = 0;
  virtual std::optional<Page> listProducts(const ListQuery& query,
                                           const std::optional<Cursor>& after,
                                           const std::optional<Category>& category) = 0;

  // Adds `units` to each product's popularity (never below 0) and appends product.updated
  // for each, once per `eventId`: false, and nothing changed, when it was recorded before.
  virtual bool addPopularity(const std::string& eventId, const UnitsByProduct& units) = 0;

  // Stock
  struct StockChange {
    enum class Outcome { kDone, kUnknownVariant, kBelowReserved } outcome;
    std::optional<Product> product;
  };
  virtual StockChange setStock(const std::string& variantId, std::int64_t stock) = 0;

  // Reservations: all lines held or none. Returns the failure when one line cannot be held.
  virtual std::optional<ReserveFailure> reserve(const Reservation& reservation) = 0;
  enum class Transition { kDone, kAlready, kWrongState, kUnknown };
  virtual Transition commitReservation(const std::string& id, TimePoint now) = 0;
  virtual Transition releaseReservation(const std::string& id, TimePoint now) = 0;
  // committed → restocked, adding its units back to stock (appends inventory.changed).
  virtual Transition restockReservation(const std::string& id, TimePoint now) = 0;
  // Releases active reservations that expired before `now`; returns how many.
  virtual int releaseExpired(TimePoint now, int limit) = 0;
  // Reservations only mark the products whose stock they moved; this appends one
  // inventory.changed for each of up to `limit` marked products, as they are now, and
  // removes the marks the events cover. Returns how many products it published.
  virtual int publishStockChanges(int limit) = 0;
  virtual std::optional<Reservation> findReservation(const std::string& id) = 0;
  // Variants by id with their product (for checkout's pricing).
  virtual std::vector<std::pair<Product, Variant>> findVariants(
      const std::vector<std::string>& variantIds) = 0;
};

}  // namespace um::product

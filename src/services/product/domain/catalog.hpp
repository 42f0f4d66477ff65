#pragma once

// The catalog's rules and workflows: validation of admin input, slugs, pagination, stock
// and reservations. Knows neither HTTP nor SQL: it talks to a CatalogStore.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "services/product/domain/catalog_store.hpp"
#include "services/product/domain/model.hpp"

namespace um::product {

class Catalog {
 public:
  // `onChange` runs after every committed write (the read cache's invalidation).
  Catalog(CatalogStore& store, const Clock& clock, std::function<void()> onChange = {});

  std::vector<Category> categories();
  Category createCategory(const CategoryDraft& draft);
  Category updateCategory(const std::string& id, const CategoryDraft& draft);
  void deleteCategory(const std::string& id);

  // Public reads see active products only; admins (includeHidden) see every status.
  Product product(const std::string& idOrSlug, bool includeHidden = false);
  // Active products only, whatever query.status says.
  Page list(ListQuery query);
  // Every status unless query.status narrows it; query.text filters.
  Page listForAdmin(const ListQuery& query);

  // Paid orders make products popular (the `popular` sort, search's ranking); an order
  // cancelled after payment takes its units back. Once per event id.
  void recordSales(const std::string& eventId, const UnitsByProduct& units);

  Product create(const ProductDraft& draft);
  // Builds the product create() would store, without storing it (bulk seeding).
  Product prepare(const ProductDraft& draft, const Category& category, TimePoint now) const;
  Product update(const std::string& id, const ProductPatch& patch);
  Product archive(const std::string& id);
  Product setStock(const std::string& variantId, std::int64_t stock);

  // Holds every line or nothing; throws Error 409 insufficient_stock (or 404 for an unknown
  // variant) and then holds nothing.
  Reservation reserve(std::vector<ReservationLine> lines, std::chrono::seconds ttl,
                      const std::string& reference);
  // Idempotent; 409 reservation_released when it was released (or expired) meanwhile.
  void commit(const std::string& reservationId);
  // Idempotent; 409 reservation_committed when it was already committed.
  void release(const std::string& reservationId);
  // Committed units back into stock, once (committed → restocked). Idempotent; 409
  // reservation_not_committed when it is active or released.
  void restock(const std::string& reservationId);
  int releaseExpired();
  // Publishes the stock changes reservations marked (see CatalogStore); returns how many
  // products it published, draining any backlog.
  int publishStockChanges();

  std::vector<std::pair<Product, Variant>> variants(const std::vector<std::string>& ids);

  static constexpr int kMaxLimit = 100;
  static constexpr std::chrono::seconds kMaxReservationTtl{24 * 3600};

 private:
  Category requireCategory(const std::string& id, const std::string& field);
  std::string uniqueSlug(const std::string& wanted, bool explicitSlug, const std::string& selfId);
  void changed();
  void finishTransition(CatalogStore::Transition t, const char* conflictCode, const char* message);
  Page listChecked(const ListQuery& query);

  CatalogStore& store_;
  const Clock& clock_;
  std::function<void()> onChange_;
};

}  // namespace um::product

#pragma once

// Loads the demo catalog through the same rules as the admin API (Catalog::prepare), in
// large batches: one transaction and a few multi-row INSERTs per batch, which is what
// makes 10,000 products take seconds rather than minutes.

#include <cstdint>
#include <functional>

#include "services/product/domain/catalog.hpp"
#include "services/product/domain/catalog_store.hpp"

namespace um::product {

struct SeedResult {
  std::int64_t products = 0;
  std::int64_t variants = 0;
  std::int64_t categories = 0;  // created by this run
};

// Adds `count` products after those already present (product n is fixed by the seed), so
// running it twice gives twice as many, never a clash. `progress(done, count)` after each batch.
SeedResult seedDemoCatalog(Catalog& catalog, CatalogStore& store, const Clock& clock,
                           std::int64_t count, std::uint64_t seed,
                           const std::function<void(std::int64_t, std::int64_t)>& progress = {});

}  // namespace um::product

#include "services/product/domain/seeder.hpp"

#include <map>

#include "services/product/domain/demo_catalog.hpp"

namespace um::product {

namespace {
constexpr std::int64_t kBatch = 500;
}

SeedResult seedDemoCatalog(Catalog& catalog, CatalogStore& store, const Clock& clock,
                           std::int64_t count, std::uint64_t seed,
                           const std::function<void(std::int64_t, std::int64_t)>& progress) {
  SeedResult result;
  std::map<std::string, Category> bySlug;
  for (const auto& demo : demoCategories()) {
    auto existing = store.findCategory(demo.slug);
    if (!existing) {
      CategoryDraft draft;
      draft.slug = demo.slug;
      draft.name = demo.name;
      if (!demo.parentSlug.empty()) draft.parentId = bySlug.at(demo.parentSlug).id;
      draft.position = static_cast<int>(bySlug.size());
      existing = catalog.createCategory(draft);
      ++result.categories;
    }
    bySlug[demo.slug] = *existing;
  }

  const DemoCatalog generator(seed);
  const auto first = store.countProducts();
  for (std::int64_t done = 0; done < count;) {
    const auto n = std::min(kBatch, count - done);
    std::vector<Product> batch;
    batch.reserve(static_cast<std::size_t>(n));
    const auto now = clock.now();
    for (std::int64_t i = 0; i < n; ++i) {
      auto demo = generator.product(first + done + i);
      auto p = catalog.prepare(demo.draft, bySlug.at(demo.categorySlug), now);
      p.popularity = demo.popularity;
      p.rating = demo.rating;
      result.variants += static_cast<std::int64_t>(p.variants.size());
      batch.push_back(std::move(p));
    }
    store.insertProducts(batch);
    done += n;
    result.products = done;
    if (progress) progress(done, count);
  }
  return result;
}

}  // namespace um::product

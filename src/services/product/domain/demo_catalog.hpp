#pragma once

// The demo catalog behind `ultramarket seed`: a category tree, brands, descriptions,
// sizes/colours as variants, varied stock (some sold out) and image keys. Product n of a
// given seed is always the same product, whatever the batch size or the run.

#include <cstdint>
#include <string>
#include <vector>

#include "services/product/domain/model.hpp"

namespace um::product {

struct DemoCategory {
  std::string slug;
  std::string name;
  std::string parentSlug;  // empty for a root
  std::string kind;        // which product family lives here; empty for inner nodes
};

// Parents before children.
const std::vector<DemoCategory>& demoCategories();

// What the generator adds beyond the draft: signals a real catalog would have collected.
struct DemoProduct {
  ProductDraft draft;
  std::string categorySlug;
  std::int64_t popularity = 0;
  double rating = 0;
};

class DemoCatalog {
 public:
  explicit DemoCatalog(std::uint64_t seed) : seed_(seed) {}
  DemoProduct product(std::int64_t index) const;

 private:
  std::uint64_t seed_;
};

}  // namespace um::product

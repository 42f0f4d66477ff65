#include "services/product/domain/model.hpp"

namespace um::product {

std::string toString(Status status) {
  switch (status) {
    case Status::kActive: return "active";
    case Status::kDraft: return "draft";
    case Status::kArchived: return "archived";
  }
  return "draft";
}

std::optional<Status> parseStatus(std::string_view text) {
  if (text == "active") return Status::kActive;
  if (text == "draft") return Status::kDraft;
  if (text == "archived") return Status::kArchived;
  return std::nullopt;
}

std::string toString(Sort sort) {
  switch (sort) {
    case Sort::kNewest: return "newest";
    case Sort::kPriceAsc: return "price_asc";
    case Sort::kPriceDesc: return "price_desc";
    case Sort::kPopular: return "popular";
    case Sort::kName: return "name";
  }
  return "newest";
}

std::optional<Sort> parseSort(std::string_view text) {
  if (text == "newest") return Sort::kNewest;
  if (text == "price_asc") return Sort::kPriceAsc;
  if (text == "price_desc") return Sort::kPriceDesc;
  if (text == "popular") return Sort::kPopular;
  if (text == "name") return Sort::kName;
  return std::nullopt;
}

std::int64_t Product::available() const {
  std::int64_t total = 0;
  for (const auto& v : variants) total += v.available();
  return total;
}

}  // namespace um::product

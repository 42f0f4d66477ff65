#pragma once

#include "services/product/client.hpp"
#include "services/product/domain/catalog.hpp"
#include "services/product/domain/product_json.hpp"

namespace um::product {

// The catalog called directly, for the all-in-one process.
class InProcessClient final : public Client {
 public:
  InProcessClient(Catalog& catalog, ImageUrls images);

  std::vector<PricedVariant> variants(const std::vector<std::string>& variantIds) override;
  std::vector<PricedVariant> productVariants(const std::string& productId) override;
  std::string reserve(const std::vector<ReserveLine>& lines, std::chrono::seconds ttl,
                      const std::string& reference) override;
  void commit(const std::string& reservationId) override;
  void release(const std::string& reservationId) override;
  void restock(const std::string& reservationId) override;

 private:
  PricedVariant priced(const Product& p, const Variant& v) const;

  Catalog& catalog_;
  ImageUrls images_;
};

}  // namespace um::product

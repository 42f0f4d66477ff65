#include "services/product/in_process_client.hpp"

#include "core/error.hpp"

namespace um::product {

InProcessClient::InProcessClient(Catalog& catalog, ImageUrls images)
    : catalog_(catalog), images_(std::move(images)) {}

PricedVariant InProcessClient::priced(const Product& p, const Variant& v) const {
  return {p.id,
          v.id,
          v.sku,
          p.name,
          v.name,
          p.images.empty() ? std::string() : images_.url(p.images.front()),
          v.price,
          p.currency,
          v.available(),
          p.status == Status::kActive};
}

std::vector<PricedVariant> InProcessClient::variants(const std::vector<std::string>& ids) {
  std::vector<PricedVariant> out;
  for (const auto& [p, v] : catalog_.variants(ids)) out.push_back(priced(p, v));
  return out;
}

std::vector<PricedVariant> InProcessClient::productVariants(const std::string& productId) {
  std::vector<PricedVariant> out;
  try {
    const auto p = catalog_.product(productId, true);
    for (const auto& v : p.variants) out.push_back(priced(p, v));
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kNotFound) throw;
  }
  return out;
}

std::string InProcessClient::reserve(const std::vector<ReserveLine>& lines,
                                     std::chrono::seconds ttl, const std::string& reference) {
  std::vector<ReservationLine> domainLines;
  for (const auto& l : lines) domainLines.push_back({l.variantId, l.quantity});
  return catalog_.reserve(std::move(domainLines), ttl, reference).id;
}

void InProcessClient::commit(const std::string& reservationId) { catalog_.commit(reservationId); }
void InProcessClient::release(const std::string& reservationId) {
  catalog_.release(reservationId);
}
void InProcessClient::restock(const std::string& reservationId) {
  catalog_.restock(reservationId);
}

}  // namespace um::product

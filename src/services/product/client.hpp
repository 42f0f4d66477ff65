#pragma once

// How other services (cart, order) use the catalog: prices and availability of variants,
// and the stock reservation primitive checkout stands on. Found through
// ServiceContext::clients; the all-in-one process provides the in-process implementation.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace um::product {

struct PricedVariant {
  std::string productId;
  std::string variantId;
  std::string sku;
  std::string productName;
  std::string variantName;
  std::string image;  // public URL of the product's first image, or empty
  std::int64_t unitPrice = 0;  // minor units
  std::string currency;
  std::int64_t available = 0;
  bool purchasable = false;  // the product is active
};

struct ReserveLine {
  std::string variantId;
  std::int64_t quantity = 0;
};

class Client {
 public:
  virtual ~Client() = default;

  // The variants asked for that exist (unknown ids are left out), in the order asked.
  virtual std::vector<PricedVariant> variants(const std::vector<std::string>& variantIds) = 0;
  // Every variant of a product (by id or slug); empty when there is no such product.
  virtual std::vector<PricedVariant> productVariants(const std::string& productId) = 0;

  // Holds every line for `ttl`, or nothing: throws Error 409 insufficient_stock, 404 for an
  // unknown variant. Returns the reservation id.
  virtual std::string reserve(const std::vector<ReserveLine>& lines, std::chrono::seconds ttl,
                              const std::string& reference) = 0;
  // Turns held units into sold ones. Idempotent; 409 reservation_released if it expired.
  virtual void commit(const std::string& reservationId) = 0;
  // Gives held units back. Idempotent; 409 reservation_committed if already committed.
  virtual void release(const std::string& reservationId) = 0;
  // Puts the units of a committed reservation back on sale (its order was cancelled or
  // refunded before it shipped). Idempotent: a reservation is restocked at most once, so a
  // redelivered event or a retry adds nothing. 409 reservation_not_committed otherwise.
  virtual void restock(const std::string& reservationId) = 0;
};

}  // namespace um::product

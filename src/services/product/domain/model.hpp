#pragma once

// The catalog's vocabulary, free of HTTP and SQL: what the API layer serialises, what the
// store persists and what the domain rules check.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace um::product {

using Json = nlohmann::json;

// The only currency the platform sells in for now; amounts are integer minor units.
inline constexpr const char* kCurrency = "USD";

struct Money {
  std::int64_t amount = 0;
  std::string currency = kCurrency;
};

struct Category {
  std::string id;
  std::string slug;
  std::string name;
  std::optional<std::string> parentId;
  std::string path;  // "/<root id>/.../<own id>/"
  int position = 0;
  std::int64_t productCount = 0;  // active products here and below; filled by list reads
};

enum class Status { kActive, kDraft, kArchived };

std::string toString(Status status);
std::optional<Status> parseStatus(std::string_view text);

struct Variant {
  std::string id;
  std::string sku;
  std::string name;
  std::int64_t price = 0;
  Json attributes = Json::object();
  std::int64_t stock = 0;     // on hand
  std::int64_t reserved = 0;  // held by active reservations
  int position = 0;

  std::int64_t available() const { return stock > reserved ? stock - reserved : 0; }
};

struct CategoryRef {
  std::string id;
  std::string slug;
  std::string name;
};

struct Product {
  std::string id;
  std::string slug;
  std::string name;
  std::string description;
  std::string brand;
  CategoryRef category;
  std::int64_t price = 0;
  std::optional<std::int64_t> compareAtPrice;
  std::string currency = kCurrency;
  std::vector<std::string> images;  // keys ("products/x/1.jpg") or absolute URLs
  Json attributes = Json::object();
  Status status = Status::kActive;
  std::int64_t popularity = 0;
  std::optional<double> rating;
  std::int64_t revision = 1;
  TimePoint createdAt{};
  TimePoint updatedAt{};
  std::vector<Variant> variants;

  std::int64_t available() const;
};

// What an admin sends to create a product (already parsed from JSON).
struct VariantDraft {
  std::optional<std::string> id;  // set on update: an existing variant
  std::string sku;
  std::string name;
  std::optional<std::int64_t> price;  // none → the product's price
  Json attributes = Json::object();
  std::optional<std::int64_t> stock;
};

struct ProductDraft {
  std::optional<std::string> slug;
  std::string name;
  std::string description;
  std::string brand;
  std::string categoryId;
  std::optional<Money> price;
  std::optional<Money> compareAtPrice;
  std::vector<std::string> images;
  Json attributes = Json::object();
  std::string status = "active";
  std::vector<VariantDraft> variants;
};

// A partial update: only the fields present change. compareAtPrice may be cleared.
struct ProductPatch {
  std::optional<std::string> slug;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> brand;
  std::optional<std::string> categoryId;
  std::optional<Money> price;
  std::optional<std::optional<Money>> compareAtPrice;
  std::optional<std::vector<std::string>> images;
  std::optional<Json> attributes;
  std::optional<std::string> status;
  std::optional<std::vector<VariantDraft>> variants;  // update by id, add without
};

struct CategoryDraft {
  std::optional<std::string> slug;
  std::optional<std::string> name;
  // nullopt: not given; a nullopt inside: make it a root.
  std::optional<std::optional<std::string>> parentId;
  std::optional<int> position;
};

enum class Sort { kNewest, kPriceAsc, kPriceDesc, kPopular, kName };

std::string toString(Sort sort);
std::optional<Sort> parseSort(std::string_view text);

struct ListQuery {
  int limit = 20;
  std::optional<std::string> cursor;
  std::optional<std::string> category;  // id or slug; includes sub-categories
  std::optional<std::int64_t> minPrice;
  std::optional<std::int64_t> maxPrice;
  std::optional<bool> inStock;
  Sort sort = Sort::kNewest;
  // None: every status (admins). Public lists are always of active products.
  std::optional<Status> status;
  // Admin lists: name, slug, brand or a SKU contains it (case-insensitive).
  std::optional<std::string> text;
};

// Units of each product (by id) sold, or given back, by one order.
using UnitsByProduct = std::map<std::string, std::int64_t>;

// Where the previous page ended: the sort key of its last item plus the id tie-breaker.
struct Cursor {
  Sort sort = Sort::kNewest;
  std::optional<std::int64_t> number;  // price or popularity
  std::optional<std::string> text;     // name
  std::string id;
};

struct Page {
  std::vector<Product> items;
  std::int64_t total = 0;
  std::optional<std::string> nextCursor;
};

// One line of a reservation: hold `quantity` units of a variant.
struct ReservationLine {
  std::string variantId;
  std::int64_t quantity = 0;
};

enum class ReservationStatus { kActive, kCommitted, kReleased };

struct Reservation {
  std::string id;
  ReservationStatus status = ReservationStatus::kActive;
  std::string reference;  // e.g. the order id, for humans and logs
  std::vector<ReservationLine> lines;
  TimePoint expiresAt{};
};

}  // namespace um::product

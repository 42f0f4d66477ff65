#include "services/product/domain/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/product/domain/cursor.hpp"
#include "services/product/domain/slug.hpp"

namespace um::product {

namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxDescription = 20'000;
constexpr std::size_t kMaxBrand = 100;
constexpr std::size_t kMaxImages = 20;
constexpr std::size_t kMaxVariants = 100;
constexpr std::size_t kMaxSku = 64;
constexpr std::int64_t kMaxAmount = 100'000'000'00;  // $100M: beyond it, a typo
constexpr std::int64_t kMaxStock = 1'000'000'000;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string requireText(const std::string& value, const std::string& field, std::size_t max) {
  auto t = trim(value);
  if (t.empty()) throw Error::validation(field, field + " must not be empty");
  if (t.size() > max) {
    throw Error::validation(field, field + " is longer than " + std::to_string(max));
  }
  return t;
}

void checkMoney(const Money& m, const std::string& field) {
  if (m.currency != kCurrency) {
    throw Error::validation(field, std::string("only ") + kCurrency + " is supported");
  }
  if (m.amount < 0 || m.amount > kMaxAmount) {
    throw Error::validation(field, field + ".amount must be between 0 and " +
                                       std::to_string(kMaxAmount));
  }
}

bool validSku(const std::string& sku) {
  if (sku.empty() || sku.size() > kMaxSku) return false;
  return std::all_of(sku.begin(), sku.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

void checkImages(const std::vector<std::string>& images) {
  if (images.size() > kMaxImages) {
    throw Error::validation("images", "at most " + std::to_string(kMaxImages) + " images");
  }
  for (const auto& i : images) {
    if (i.empty() || i.size() > 1000) throw Error::validation("images", "invalid image");
  }
}

void checkAttributes(const Json& attributes, const std::string& field) {
  if (!attributes.is_object()) throw Error::validation(field, field + " must be an object");
  if (attributes.dump().size() > 10'000) throw Error::validation(field, field + " is too large");
}

// Fills a variant from a draft (new or existing); `basePrice` is the product's.
void applyVariant(Variant& v, const VariantDraft& d, std::int64_t basePrice,
                  const std::string& field, bool isNew) {
  if (isNew || !d.sku.empty()) {
    if (!validSku(d.sku)) {
      throw Error::validation(field + ".sku",
                              "sku must be 1-64 letters, digits, '-', '_' or '.'");
    }
    v.sku = d.sku;
  }
  if (isNew || !d.name.empty()) {
    auto name = trim(d.name);
    v.name = name.empty() ? "Default" : name.substr(0, kMaxName);
  }
  if (d.price) {
    if (*d.price < 0 || *d.price > kMaxAmount) {
      throw Error::validation(field + ".price", "price must not be negative");
    }
    v.price = *d.price;
  } else if (isNew) {
    v.price = basePrice;
  }
  if (isNew || !d.attributes.empty()) {
    checkAttributes(d.attributes, field + ".attributes");
    v.attributes = d.attributes;
  }
  if (isNew) {
    const auto stock = d.stock.value_or(0);
    if (stock < 0 || stock > kMaxStock) {
      throw Error::validation(field + ".stock", "stock must be between 0 and 1000000000");
    }
    v.stock = stock;
  }
}

void checkDistinctSkus(const std::vector<Variant>& variants) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    if (!seen.insert(variants[i].sku).second) {
      throw Error::validation("variants[" + std::to_string(i) + "].sku",
                              "duplicate sku " + variants[i].sku);
    }
  }
}

}  // namespace

Catalog::Catalog(CatalogStore& store, const Clock& clock, std::function<void()> onChange)
    : store_(store), clock_(clock), onChange_(std::move(onChange)) {}

void Catalog::changed() {
  if (onChange_) onChange_();
}

std::vector<Category> Catalog::categories() { return store_.listCategories(); }

Category Catalog::requireCategory(const std::string& id, const std::string& field) {
  if (trim(id).empty()) throw Error::validation(field, field + " is required");
  auto c = store_.findCategory(id);
  if (!c) throw Error::validation(field, "no such category: " + id);
  return *c;
}

Category Catalog::createCategory(const CategoryDraft& draft) {
  Category c;
  c.id = newId();
  c.name = requireText(draft.name.value_or(""), "name", kMaxName);
  c.slug = draft.slug ? *draft.slug : slugify(c.name);
  if (!isValidSlug(c.slug)) throw Error::validation("slug", "slug must be [a-z0-9-]");
  if (store_.findCategory(c.slug)) throw Error::conflict("slug_taken", "slug already in use");
  c.path = "/" + c.id + "/";
  if (draft.parentId && *draft.parentId) {
    const auto parent = requireCategory(**draft.parentId, "parentId");
    c.parentId = parent.id;
    c.path = parent.path + c.id + "/";
  }
  c.position = draft.position.value_or(0);
  store_.insertCategory(c);
  changed();
  return c;
}

Category Catalog::updateCategory(const std::string& id, const CategoryDraft& draft) {
  auto found = store_.findCategory(id);
  if (!found || found->id != id) throw Error::notFound("category");
  Category c = *found;
  if (draft.name) c.name = requireText(*draft.name, "name", kMaxName);
  if (draft.slug && *draft.slug != c.slug) {
    if (!isValidSlug(*draft.slug)) throw Error::validation("slug", "slug must be [a-z0-9-]");
    if (store_.findCategory(*draft.slug)) throw Error::conflict("slug_taken", "slug already in use");
    c.slug = *draft.slug;
  }
  if (draft.position) c.position = *draft.position;
  if (draft.parentId) {
    if (!*draft.parentId) {
      c.parentId.reset();
      c.path = "/" + c.id + "/";
    } else {
      const auto parent = requireCategory(**draft.parentId, "parentId");
      // A category under itself or its own descendant would make the tree a loop.
      if (parent.path.starts_with(c.path)) {
        throw Error::validation("parentId", "a category cannot move under itself");
      }
      c.parentId = parent.id;
      c.path = parent.path + c.id + "/";
    }
  }
  store_.updateCategory(c);
  changed();
  return c;
}

void Catalog::deleteCategory(const std::string& id) {
  auto found = store_.findCategory(id);
  if (!found || found->id != id) throw Error::notFound("category");
  if (store_.categoryInUse(id)) {
    throw Error::conflict("category_not_empty", "the category still has products or children");
  }
  store_.deleteCategory(id);
  changed();
}

Product Catalog::product(const std::string& idOrSlug, bool includeHidden) {
  auto p = store_.findProduct(idOrSlug);
  if (!p || (!includeHidden && p->status != Status::kActive)) throw Error::notFound("product");
  return *p;
}

Page Catalog::list(ListQuery query) {
  query.status = Status::kActive;
  query.text.reset();
  return listChecked(query);
}

Page Catalog::listForAdmin(const ListQuery& query) {
  if (query.text && query.text->size() > kMaxName) {
    throw Error::validation("q", "q is longer than " + std::to_string(kMaxName));
  }
  return listChecked(query);
}

void Catalog::recordSales(const std::string& eventId, const UnitsByProduct& units) {
  if (units.empty()) return;
  if (store_.addPopularity(eventId, units)) changed();
}

Page Catalog::listChecked(const ListQuery& query) {
  if (query.limit < 1 || query.limit > kMaxLimit) {
    throw Error::validation("limit", "limit must be between 1 and 100");
  }
  if (query.minPrice && *query.minPrice < 0) {
    throw Error::validation("minPrice", "minPrice must not be negative");
  }
  if (query.maxPrice && *query.maxPrice < 0) {
    throw Error::validation("maxPrice", "maxPrice must not be negative");
  }
  if (query.minPrice && query.maxPrice && *query.minPrice > *query.maxPrice) {
    throw Error::validation("maxPrice", "maxPrice must not be below minPrice");
  }
  std::optional<Cursor> after;
  if (query.cursor) after = decodeCursor(*query.cursor, query.sort);
  std::optional<Category> category;
  if (query.category) {
    category = store_.findCategory(*query.category);
    if (!category) throw Error::validation("category", "no such category: " + *query.category);
  }
  auto page = store_.listProducts(query, after, category);
  return page ? std::move(*page) : Page{};
}

std::string Catalog::uniqueSlug(const std::string& wanted, bool explicitSlug,
                                const std::string& selfId) {
  if (!store_.slugTaken(wanted, selfId)) return wanted;
  if (explicitSlug) throw Error::conflict("slug_taken", "slug already in use: " + wanted);
  for (int n = 2; n < 50; ++n) {
    auto candidate = wanted + "-" + std::to_string(n);
    if (!store_.slugTaken(candidate, selfId)) return candidate;
  }
  return wanted + "-" + newId().substr(24);
}

Product Catalog::prepare(const ProductDraft& d, const Category& category, TimePoint now) const {
  Product p;
  p.id = newId();
  p.name = requireText(d.name, "name", kMaxName);
  if (d.description.size() > kMaxDescription) {
    throw Error::validation("description", "description is too long");
  }
  p.description = d.description;
  p.brand = trim(d.brand).substr(0, kMaxBrand);
  p.category = {category.id, category.slug, category.name};
  if (!d.price) throw Error::validation("price", "price is required");
  checkMoney(*d.price, "price");
  p.price = d.price->amount;
  if (d.compareAtPrice) {
    checkMoney(*d.compareAtPrice, "compareAtPrice");
    if (d.compareAtPrice->amount <= p.price) {
      throw Error::validation("compareAtPrice", "compareAtPrice must be above price");
    }
    p.compareAtPrice = d.compareAtPrice->amount;
  }
  checkImages(d.images);
  p.images = d.images;
  checkAttributes(d.attributes, "attributes");
  p.attributes = d.attributes;
  const auto status = parseStatus(d.status);
  if (!status) throw Error::validation("status", "status must be active, draft or archived");
  p.status = *status;
  if (d.variants.empty()) throw Error::validation("variants", "at least one variant is required");
  if (d.variants.size() > kMaxVariants) throw Error::validation("variants", "too many variants");
  for (std::size_t i = 0; i < d.variants.size(); ++i) {
    Variant v;
    v.id = newId();
    v.position = static_cast<int>(i);
    applyVariant(v, d.variants[i], p.price, "variants[" + std::to_string(i) + "]", true);
    p.variants.push_back(std::move(v));
  }
  checkDistinctSkus(p.variants);
  if (d.slug) {
    if (!isValidSlug(*d.slug)) throw Error::validation("slug", "slug must be [a-z0-9-]");
    p.slug = *d.slug;
  } else {
    p.slug = slugify(p.name);
  }
  p.createdAt = now;
  p.updatedAt = now;
  return p;
}

Product Catalog::create(const ProductDraft& draft) {
  const auto category = requireCategory(draft.categoryId, "categoryId");
  Product p = prepare(draft, category, clock_.now());
  p.slug = uniqueSlug(p.slug, draft.slug.has_value(), "");
  std::vector<std::string> skus;
  for (const auto& v : p.variants) skus.push_back(v.sku);
  if (auto taken = store_.takenSkus(skus, ""); !taken.empty()) {
    throw Error::conflict("sku_taken", "sku already in use: " + taken.front());
  }
  store_.insertProducts({p});
  changed();
  return p;
}

Product Catalog::update(const std::string& id, const ProductPatch& patch) {
  Product p = product(id, true);
  if (p.id != id) throw Error::notFound("product");
  if (patch.name) p.name = requireText(*patch.name, "name", kMaxName);
  if (patch.description) {
    if (patch.description->size() > kMaxDescription) {
      throw Error::validation("description", "description is too long");
    }
    p.description = *patch.description;
  }
  if (patch.brand) p.brand = trim(*patch.brand).substr(0, kMaxBrand);
  if (patch.categoryId) {
    const auto c = requireCategory(*patch.categoryId, "categoryId");
    p.category = {c.id, c.slug, c.name};
  }
  if (patch.price) {
    checkMoney(*patch.price, "price");
    p.price = patch.price->amount;
  }
  if (patch.compareAtPrice) {
    if (*patch.compareAtPrice) {
      checkMoney(**patch.compareAtPrice, "compareAtPrice");
      p.compareAtPrice = (*patch.compareAtPrice)->amount;
    } else {
      p.compareAtPrice.reset();
    }
  }
  if (p.compareAtPrice && *p.compareAtPrice <= p.price) {
    throw Error::validation("compareAtPrice", "compareAtPrice must be above price");
  }
  if (patch.images) {
    checkImages(*patch.images);
    p.images = *patch.images;
  }
  if (patch.attributes) {
    checkAttributes(*patch.attributes, "attributes");
    p.attributes = *patch.attributes;
  }
  if (patch.status) {
    const auto s = parseStatus(*patch.status);
    if (!s) throw Error::validation("status", "status must be active, draft or archived");
    p.status = *s;
  }
  std::vector<std::string> newSkus;
  if (patch.variants) {
    for (std::size_t i = 0; i < patch.variants->size(); ++i) {
      const auto& d = (*patch.variants)[i];
      const auto field = "variants[" + std::to_string(i) + "]";
      if (d.id) {
        auto it = std::find_if(p.variants.begin(), p.variants.end(),
                               [&](const Variant& v) { return v.id == *d.id; });
        if (it == p.variants.end()) throw Error::validation(field + ".id", "no such variant");
        const auto oldSku = it->sku;
        applyVariant(*it, d, p.price, field, false);
        if (it->sku != oldSku) newSkus.push_back(it->sku);
      } else {
        Variant v;
        v.id = newId();
        v.position = static_cast<int>(p.variants.size());
        applyVariant(v, d, p.price, field, true);
        newSkus.push_back(v.sku);
        p.variants.push_back(std::move(v));
      }
    }
    if (p.variants.size() > kMaxVariants) throw Error::validation("variants", "too many variants");
    checkDistinctSkus(p.variants);
  }
  if (!newSkus.empty()) {
    if (auto taken = store_.takenSkus(newSkus, p.id); !taken.empty()) {
      throw Error::conflict("sku_taken", "sku already in use: " + taken.front());
    }
  }
  if (patch.slug && *patch.slug != p.slug) {
    if (!isValidSlug(*patch.slug)) throw Error::validation("slug", "slug must be [a-z0-9-]");
    p.slug = uniqueSlug(*patch.slug, true, p.id);
  }
  p.updatedAt = clock_.now();
  const bool archived = patch.status && p.status == Status::kArchived;
  auto stored = store_.updateProduct(p, archived ? "product.archived" : "product.updated");
  changed();
  return stored;
}

Product Catalog::archive(const std::string& id) {
  ProductPatch patch;
  patch.status = "archived";
  return update(id, patch);
}

Product Catalog::setStock(const std::string& variantId, std::int64_t stock) {
  if (stock < 0 || stock > kMaxStock) {
    throw Error::validation("stock", "stock must be between 0 and 1000000000");
  }
  auto change = store_.setStock(variantId, stock);
  using Outcome = CatalogStore::StockChange::Outcome;
  if (change.outcome == Outcome::kUnknownVariant) throw Error::notFound("variant");
  if (change.outcome == Outcome::kBelowReserved) {
    throw Error::conflict("stock_below_reserved",
                          "stock cannot go below the units held by open reservations");
  }
  changed();
  return std::move(*change.product);
}

Reservation Catalog::reserve(std::vector<ReservationLine> lines, std::chrono::seconds ttl,
                             const std::string& reference) {
  if (lines.empty()) throw Error::validation("items", "nothing to reserve");
  if (ttl.count() <= 0 || ttl > kMaxReservationTtl) {
    throw Error::validation("ttl", "reservation lifetime must be between 1 s and 24 h");
  }
  // One line per variant, in id order: PostgreSQL then takes the row locks of two
  // overlapping reservations in the same order, so they queue instead of deadlocking.
  std::map<std::string, std::int64_t> merged;
  for (const auto& l : lines) {
    if (l.quantity <= 0 || l.quantity > kMaxStock) {
      throw Error::validation("quantity", "quantity must be positive");
    }
    merged[l.variantId] += l.quantity;
  }
  Reservation r;
  r.id = newId();
  r.reference = reference;
  r.expiresAt = clock_.now() + ttl;
  for (const auto& [variantId, quantity] : merged) r.lines.push_back({variantId, quantity});
  if (auto failure = store_.reserve(r)) {
    if (failure->unknownVariant) throw Error::notFound("variant " + failure->variantId);
    throw Error::conflict("insufficient_stock",
                          "not enough stock for variant " + failure->variantId);
  }
  changed();
  return r;
}

// A reservation's transition as the caller sees it: done (the read caches hear of it), done
// already (a retry), unknown, or refused with `conflictCode`.
void Catalog::finishTransition(CatalogStore::Transition t, const char* conflictCode,
                               const char* message) {
  using T = CatalogStore::Transition;
  switch (t) {
    case T::kDone: changed(); return;
    case T::kAlready: return;
    case T::kUnknown: throw Error::notFound("reservation");
    case T::kWrongState: throw Error::conflict(conflictCode, message);
  }
}

void Catalog::commit(const std::string& reservationId) {
  finishTransition(store_.commitReservation(reservationId, clock_.now()), "reservation_released",
                   "the reservation was released or expired");
}

void Catalog::release(const std::string& reservationId) {
  finishTransition(store_.releaseReservation(reservationId, clock_.now()),
                   "reservation_committed", "the reservation was already committed");
}

void Catalog::restock(const std::string& reservationId) {
  finishTransition(store_.restockReservation(reservationId, clock_.now()),
                   "reservation_not_committed", "only sold units can be restocked");
}

int Catalog::releaseExpired() {
  const int released = store_.releaseExpired(clock_.now(), 500);
  if (released > 0) changed();
  return released;
}

int Catalog::publishStockChanges() {
  constexpr int kBatch = 100;
  int total = 0;
  for (;;) {
    const int published = store_.publishStockChanges(kBatch);
    total += published;
    if (published < kBatch) return total;
  }
}

std::vector<std::pair<Product, Variant>> Catalog::variants(const std::vector<std::string>& ids) {
  return store_.findVariants(ids);
}

}  // namespace um::product

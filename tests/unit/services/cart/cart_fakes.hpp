#pragma once

// In-memory stand-ins for what the cart domain talks to: the catalog (product::Client), the
// cart store (with versions, so optimistic concurrency is exercised), events and the clock.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "services/cart/domain/cart_store.hpp"
#include "services/product/client.hpp"

namespace um::cart::testing {

class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(std::chrono::seconds d) { now_ = now_.load() + d; }

 private:
  std::atomic<TimePoint> now_{TimePoint{} + std::chrono::seconds(1'800'000'000)};
};

inline product::PricedVariant offer(std::string productId, std::string variantId,
                                    std::int64_t price, std::int64_t available,
                                    bool purchasable = true) {
  product::PricedVariant v;
  v.productId = std::move(productId);
  v.variantId = std::move(variantId);
  v.sku = "SKU-" + v.variantId;
  v.productName = "Product " + v.productId;
  v.variantName = "Variant " + v.variantId;
  v.image = "https://cdn.example/" + v.productId + ".jpg";
  v.unitPrice = price;
  v.currency = "USD";
  v.available = available;
  v.purchasable = purchasable;
  return v;
}

class FakeCatalog final : public product::Client {
 public:
  void put(product::PricedVariant v) {
    for (auto& existing : variants_) {
      if (existing.variantId == v.variantId) {
        existing = std::move(v);
        return;
      }
    }
    variants_.push_back(std::move(v));
  }
  void erase(const std::string& variantId) {
    std::erase_if(variants_, [&](const auto& v) { return v.variantId == variantId; });
  }

  std::vector<product::PricedVariant> variants(const std::vector<std::string>& ids) override {
    ++calls;
    std::vector<product::PricedVariant> out;
    for (const auto& id : ids) {
      for (const auto& v : variants_) {
        if (v.variantId == id) out.push_back(v);
      }
    }
    return out;
  }
  std::vector<product::PricedVariant> productVariants(const std::string& productId) override {
    ++calls;
    std::vector<product::PricedVariant> out;
    for (const auto& v : variants_) {
      if (v.productId == productId) out.push_back(v);
    }
    return out;
  }
  std::string reserve(const std::vector<product::ReserveLine>&, std::chrono::seconds,
                      const std::string&) override {
    return "unused";
  }
  void commit(const std::string&) override {}
  void release(const std::string&) override {}
  void restock(const std::string&) override {}

  int calls = 0;

 private:
  std::vector<product::PricedVariant> variants_;
};

class FakeCartStore final : public CartStore {
 public:
  std::optional<StoredCart> load(const CartKey& key) override {
    auto it = carts_.find(name(key));
    if (it == carts_.end()) return std::nullopt;
    return it->second;
  }
  bool save(const CartKey& key, const Cart& cart, CartVersion expected,
            std::optional<std::chrono::seconds> idle) override {
    if (beforeSave) {
      auto hook = std::exchange(beforeSave, nullptr);  // once
      hook();
    }
    auto it = carts_.find(name(key));
    const CartVersion current = it == carts_.end() ? kNoCart : it->second.version;
    if (current != expected) return false;
    carts_[name(key)] = {cart, ++nextVersion_};
    idle_[name(key)] = idle;
    ++saves;
    return true;
  }
  bool remove(const CartKey& key, CartVersion expected) override {
    auto it = carts_.find(name(key));
    if (it == carts_.end() || it->second.version != expected) return false;
    carts_.erase(it);
    return true;
  }
  bool remove(const CartKey& key) override { return carts_.erase(name(key)) > 0; }

  bool contains(const CartKey& key) const { return carts_.contains(name(key)); }
  std::optional<std::chrono::seconds> idleOf(const CartKey& key) const {
    return idle_.at(name(key));
  }

  // Runs once, just before the next save compares versions: a concurrent writer's moment.
  std::function<void()> beforeSave;
  int saves = 0;

 private:
  static std::string name(const CartKey& key) {
    return (key.kind == CartKey::Kind::kUser ? "user:" : "guest:") + key.id;
  }
  std::map<std::string, StoredCart> carts_;
  std::map<std::string, std::optional<std::chrono::seconds>> idle_;
  CartVersion nextVersion_ = 0;
};

class RecordingEvents final : public CartEvents {
 public:
  void updated(const Cart& cart, const std::string& reason) override {
    events.emplace_back(cart.id, reason);
  }
  std::vector<std::pair<std::string, std::string>> events;
};

// Sequential ids ("id-1", "id-2", ...) so tests can name lines.
inline std::function<std::string()> counter(std::string prefix) {
  auto n = std::make_shared<int>(0);
  return [prefix = std::move(prefix), n] { return prefix + std::to_string(++*n); };
}

}  // namespace um::cart::testing

#pragma once

// CartStore over the key-value port: one key per cart ("cart:user:<userId>" or
// "cart:guest:<cartId>"), the document as its value, the port's version for optimistic
// concurrency and its TTL for the idle limit. Works unchanged on the embedded adapter and
// on Redis.

#include "adapters/kv/kv_store.hpp"
#include "services/cart/domain/cart_store.hpp"

namespace um::cart {

class KvCartStore final : public CartStore {
 public:
  explicit KvCartStore(kv::KvStore& kv) : kv_(kv) {}

  std::optional<StoredCart> load(const CartKey& key) override;
  bool save(const CartKey& key, const Cart& cart, CartVersion expected,
            std::optional<std::chrono::seconds> idle) override;
  bool remove(const CartKey& key, CartVersion expected) override;
  bool remove(const CartKey& key) override;

  static std::string keyName(const CartKey& key);

 private:
  kv::KvStore& kv_;
};

}  // namespace um::cart

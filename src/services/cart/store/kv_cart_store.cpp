#include "services/cart/store/kv_cart_store.hpp"

#include "services/cart/store/cart_document.hpp"

namespace um::cart {

// kNoCart and kv::kAbsent are the same "does not exist" version; the cast below relies on it.
static_assert(kNoCart == kv::kAbsent);

std::string KvCartStore::keyName(const CartKey& key) {
  return (key.kind == CartKey::Kind::kUser ? "cart:user:" : "cart:guest:") + key.id;
}

std::optional<StoredCart> KvCartStore::load(const CartKey& key) {
  auto entry = kv_.get(keyName(key));
  if (!entry) return std::nullopt;
  return StoredCart{decodeCart(entry->value), entry->version};
}

bool KvCartStore::save(const CartKey& key, const Cart& cart, CartVersion expected,
                       std::optional<std::chrono::seconds> idle) {
  return kv_.compareAndSet(keyName(key), encodeCart(cart), expected, idle).has_value();
}

bool KvCartStore::remove(const CartKey& key, CartVersion expected) {
  return kv_.compareAndRemove(keyName(key), expected);
}

bool KvCartStore::remove(const CartKey& key) {
  return kv_.remove(keyName(key));
}

}  // namespace um::cart

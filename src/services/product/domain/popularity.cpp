#include "services/product/domain/popularity.hpp"

#include "core/error.hpp"

namespace um::product {

UnitsByProduct popularityChange(const std::string& eventType, const Json& orderPayload) {
  int sign = 0;
  if (eventType == "order.paid") {
    sign = 1;
  } else if (eventType == "order.cancelled") {
    const auto wasPaid = orderPayload.find("wasPaid");
    if (wasPaid != orderPayload.end() && wasPaid->is_boolean() && wasPaid->get<bool>()) sign = -1;
  }
  if (sign == 0) return {};
  const auto items = orderPayload.find("items");
  if (items == orderPayload.end() || !items->is_array()) {
    throw Error::validation("items", "the order event carries no items");
  }
  UnitsByProduct units;
  for (const auto& item : *items) {
    const auto product = item.find("productId");
    const auto quantity = item.find("quantity");
    if (product == item.end() || !product->is_string() || quantity == item.end() ||
        !quantity->is_number_integer()) {
      throw Error::validation("items", "an order line without productId or quantity");
    }
    const auto n = quantity->get<std::int64_t>();
    if (n > 0) units[product->get<std::string>()] += sign * n;
  }
  return units;
}

}  // namespace um::product

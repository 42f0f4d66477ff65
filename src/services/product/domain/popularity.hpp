#pragma once

// Popularity is the number of units sold in paid orders: what the `popular` sort orders by
// and what search's ranking boosts with. It is learnt from the order service's events
// only (order.paid adds an order's units; order.cancelled of an order that had been paid
// takes them back), so the product service never reads the orders' tables.

#include <string>

#include "services/product/domain/model.hpp"

namespace um::product {

// How an order event moves the popularity of its products; empty for events that do not
// (other types, a cancellation before payment). Throws Error(kValidation) when the payload
// lacks its items.
UnitsByProduct popularityChange(const std::string& eventType, const Json& orderPayload);

}  // namespace um::product

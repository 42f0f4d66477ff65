#pragma once

// The analytics service's document collections (docs/analytics.md describes each field).
// Every document's _id is derived from what caused it (an event id, an order and product
// id), so recording an event twice writes nothing new: the bus delivers at least once.

namespace um::analytics::collections {

// Every behaviour event (POST /v2/analytics/events) and every domain event from the bus:
// {_id, source: "client"|"bus", type, at, day, actor?, userId?, sessionId?, productId?, data}
inline constexpr const char* kEvents = "events";
// One per order: {_id: orderId, userId?, currency, total, createdAt?, createdDay?, paid,
// paidAt?, status}
inline constexpr const char* kOrders = "orders";
// Money in and out: {_id: eventId, kind: "paid"|"refund", orderId, amount (signed minor
// units), currency, at, day}
inline constexpr const char* kLedger = "ledger";
// A cart's first item: {_id: cartId, at, day}
inline constexpr const char* kCarts = "carts";
// Units sold, one per paid order and product: {_id: "orderId|productId", orderId, productId,
// name, units, revenue, currency, at, day}
inline constexpr const char* kSales = "sales";
// Products bought together, one per paid order and ordered pair: {_id: "orderId|a|b", a, b, at}
inline constexpr const char* kCoPurchases = "copurchases";
// The catalog as the product events describe it: {_id: productId, slug, categoryId, status,
// stock, revision, popularity, product (the contract's Product JSON)}
inline constexpr const char* kProducts = "products";

}  // namespace um::analytics::collections

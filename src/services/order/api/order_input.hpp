#pragma once

// Turns request bodies, headers and query strings into the order domain's inputs. Every
// mistake is a 400 naming the field, so bad input never reaches the domain as a 5xx.

#include <optional>
#include <string>

#include "core/http/message.hpp"
#include "services/order/domain/order_service.hpp"

namespace um::order {

// POST /v2/orders: body, Idempotency-Key, the principal and X-Cart-Id.
CheckoutInput checkoutInputFrom(const http::Request& request);
// POST /v2/orders/quote: {shippingAddress | addressId}, the principal and X-Cart-Id. Of an
// inline address only `country` is required (a quote is asked while the address is typed).
QuoteInput quoteInputFrom(const http::Request& request);
// Who asks: the principal, or a guest holding X-Cart-Id. 401 when neither.
Viewer viewerFrom(const http::Request& request);
// ?limit (1–100, default 20) and ?cursor.
void pagingFrom(const http::Request& request, OrderFilter& filter);
Shipment shipmentFrom(const http::Json& body);
// {amount?}: minor units, or a Money object in the order's currency.
std::optional<std::int64_t> refundAmountFrom(const http::Json& body, const std::string& currency);

}  // namespace um::order

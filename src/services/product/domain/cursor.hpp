#pragma once

// Keyset pagination cursors. Opaque to clients (base64url of a small JSON object), they
// hold the sort and the last item's sort key plus id, so the next page starts strictly
// after it: rows inserted meanwhile never shift a page the way OFFSET would.

#include <optional>
#include <string>
#include <string_view>

#include "services/product/domain/model.hpp"

namespace um::product {

std::string encodeCursor(const Cursor& cursor);
// Throws Error::validation("cursor", ...) for anything this server did not produce, and
// when the cursor was made for another sort.
Cursor decodeCursor(std::string_view text, Sort expectedSort);

// The cursor that continues after `product` in `sort` order.
Cursor cursorAfter(const Product& product, Sort sort);

std::string base64UrlEncode(std::string_view bytes);
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace um::product

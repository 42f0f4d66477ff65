#pragma once

// A guest cart id is the only thing that grants access to a guest cart (X-Cart-Id), so it is
// a bearer secret: 128 bits from the CSPRNG rather than a UUIDv7, whose time prefix and
// non-cryptographic random part would make neighbouring carts guessable.

#include <string>
#include <string_view>

namespace um::cart {

std::string newGuestCartId();

// What an X-Cart-Id may look like (ids this service issues and nothing far off), so odd
// input is refused with a 400 instead of reaching the store.
bool isWellFormedCartId(std::string_view id);

}  // namespace um::cart

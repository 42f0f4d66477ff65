#pragma once

#include <string>
#include <string_view>

namespace um::product {

// "Men's Cotton T-Shirt" → "men-s-cotton-t-shirt": lowercase ASCII letters and digits
// joined by single hyphens; other bytes (accents, emoji) are dropped. Never empty: a name
// with nothing usable gives "item".
std::string slugify(std::string_view text);

// Slugs in URLs: 1–120 of [a-z0-9-], not starting or ending with '-'.
bool isValidSlug(std::string_view slug);

}  // namespace um::product

#include "services/user/api/request_parsing.hpp"

#include <charconv>

#include "core/error.hpp"

namespace um::user {

AddressPatch parseAddressPatch(const http::Json& body) {
  const http::JsonFields f(body, {"name", "line1", "line2", "city", "region", "postalCode",
                                  "country", "phone"});
  // Bounds here are generous transport limits; the domain applies the real ones.
  constexpr std::size_t kMax = 1000;
  AddressPatch p;
  p.name = f.nullableString("name", kMax);
  p.line1 = f.nullableString("line1", kMax);
  p.line2 = f.nullableString("line2", kMax);
  p.city = f.nullableString("city", kMax);
  p.region = f.nullableString("region", kMax);
  p.postalCode = f.nullableString("postalCode", kMax);
  p.country = f.nullableString("country", kMax);
  p.phone = f.nullableString("phone", kMax);
  return p;
}

int parseLimit(const http::Request& req) {
  const auto text = req.queryParam("limit");
  if (!text) return 20;
  int value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1 || value > 100) {
    throw Error::validation("limit", "must be an integer from 1 to 100");
  }
  return value;
}

}  // namespace um::user

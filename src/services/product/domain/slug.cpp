#include "services/product/domain/slug.hpp"

namespace um::product {

std::string slugify(std::string_view text) {
  std::string out;
  bool pendingHyphen = false;
  for (unsigned char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool upper = c >= 'A' && c <= 'Z';
    if (alnum || upper) {
      if (pendingHyphen && !out.empty()) out += '-';
      pendingHyphen = false;
      out += static_cast<char>(upper ? c - 'A' + 'a' : c);
      if (out.size() >= 100) break;
    } else {
      pendingHyphen = true;
    }
  }
  return out.empty() ? "item" : out;
}

bool isValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 120 || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace um::product

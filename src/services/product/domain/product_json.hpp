#pragma once

// The contract's JSON shapes of the catalog. Shared by the HTTP answers and the event
// payloads, so the search index serves exactly what GET /v2/products/{id} would.

#include <string>

#include "services/product/domain/model.hpp"

namespace um::product {

// Builds public image URLs: on CDN_URL when set, else under the gateway's /media/ path.
// Absolute URLs given by an admin are kept as they are.
class ImageUrls {
 public:
  explicit ImageUrls(std::string cdnUrl);
  std::string url(const std::string& key) const;

 private:
  std::string base_;
};

Json moneyJson(std::int64_t amount, const std::string& currency);
Json productJson(const Product& product, const ImageUrls& images);
Json categoryJson(const Category& category);

}  // namespace um::product

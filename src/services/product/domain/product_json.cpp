#include "services/product/domain/product_json.hpp"

namespace um::product {

ImageUrls::ImageUrls(std::string cdnUrl) : base_(std::move(cdnUrl)) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
  if (base_.empty()) base_ = "/media";
}

std::string ImageUrls::url(const std::string& key) const {
  if (key.starts_with("http://") || key.starts_with("https://")) return key;
  return base_ + (key.starts_with('/') ? "" : "/") + key;
}

Json moneyJson(std::int64_t amount, const std::string& currency) {
  return {{"amount", amount}, {"currency", currency}};
}

Json productJson(const Product& p, const ImageUrls& images) {
  Json imageList = Json::array();
  for (const auto& key : p.images) imageList.push_back(images.url(key));
  Json variants = Json::array();
  for (const auto& v : p.variants) {
    variants.push_back({{"id", v.id},
                        {"sku", v.sku},
                        {"name", v.name},
                        {"price", moneyJson(v.price, p.currency)},
                        {"stock", v.available()},
                        {"attributes", v.attributes}});
  }
  return {
      {"id", p.id},
      {"slug", p.slug},
      {"name", p.name},
      {"description", p.description},
      {"brand", p.brand},
      {"category", {{"id", p.category.id}, {"slug", p.category.slug}, {"name", p.category.name}}},
      {"price", moneyJson(p.price, p.currency)},
      {"compareAtPrice",
       p.compareAtPrice ? moneyJson(*p.compareAtPrice, p.currency) : Json(nullptr)},
      {"images", std::move(imageList)},
      {"attributes", p.attributes},
      {"status", toString(p.status)},
      {"stock", p.available()},
      {"variants", std::move(variants)},
      {"rating", p.rating ? Json(*p.rating) : Json(nullptr)},
      {"createdAt", formatRfc3339(p.createdAt)},
      {"updatedAt", formatRfc3339(p.updatedAt)},
  };
}

Json categoryJson(const Category& c) {
  return {{"id", c.id},
          {"slug", c.slug},
          {"name", c.name},
          {"parentId", c.parentId ? Json(*c.parentId) : Json(nullptr)},
          {"productCount", c.productCount}};
}

}  // namespace um::product

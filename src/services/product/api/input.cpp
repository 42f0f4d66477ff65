#include "services/product/api/input.hpp"

#include <charconv>

#include "core/error.hpp"

namespace um::product::api {

namespace {

std::optional<std::string> optString(const Json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw Error::validation(field, field + " must be a string");
  return it->get<std::string>();
}

std::optional<std::int64_t> optInteger(const Json& body, const std::string& field,
                                       const std::string& path) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) throw Error::validation(path, path + " must be an integer");
  return it->get<std::int64_t>();
}

Money moneyFrom(const Json& value, const std::string& field) {
  if (!value.is_object()) {
    throw Error::validation(field, field + " must be {\"amount\": <minor units>, \"currency\"}");
  }
  Money m;
  auto amount = value.find("amount");
  if (amount == value.end() || !amount->is_number_integer()) {
    throw Error::validation(field, field + ".amount must be an integer (minor units)");
  }
  m.amount = amount->get<std::int64_t>();
  if (auto currency = value.find("currency"); currency != value.end()) {
    if (!currency->is_string()) throw Error::validation(field, field + ".currency must be a string");
    m.currency = currency->get<std::string>();
  }
  return m;
}

std::optional<Money> optMoney(const Json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  return moneyFrom(*it, field);
}

std::vector<std::string> imagesFrom(const Json& value) {
  if (!value.is_array()) throw Error::validation("images", "images must be an array of URLs");
  std::vector<std::string> out;
  for (const auto& i : value) {
    if (!i.is_string()) throw Error::validation("images", "images must be an array of URLs");
    out.push_back(i.get<std::string>());
  }
  return out;
}

Json objectFrom(const Json& value, const std::string& field) {
  if (!value.is_object()) throw Error::validation(field, field + " must be an object");
  return value;
}

std::vector<VariantDraft> variantsFrom(const Json& value) {
  if (!value.is_array()) throw Error::validation("variants", "variants must be an array");
  std::vector<VariantDraft> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& v = value[i];
    const auto path = "variants[" + std::to_string(i) + "]";
    if (!v.is_object()) throw Error::validation(path, path + " must be an object");
    VariantDraft d;
    auto str = [&](const char* name) -> std::string {
      auto it = v.find(name);
      if (it == v.end() || it->is_null()) return "";
      if (!it->is_string()) throw Error::validation(path + "." + name, std::string(name) + " must be a string");
      return it->get<std::string>();
    };
    if (auto it = v.find("id"); it != v.end() && !it->is_null()) {
      if (!it->is_string()) throw Error::validation(path + ".id", "id must be a string");
      d.id = it->get<std::string>();
    }
    d.sku = str("sku");
    d.name = str("name");
    if (auto it = v.find("price"); it != v.end() && !it->is_null()) {
      d.price = moneyFrom(*it, path + ".price").amount;
    }
    d.stock = optInteger(v, "stock", path + ".stock");
    if (auto it = v.find("attributes"); it != v.end() && !it->is_null()) {
      d.attributes = objectFrom(*it, path + ".attributes");
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::int64_t integerParam(const std::string& text, const std::string& field) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw Error::validation(field, field + " must be an integer");
  }
  return value;
}

bool boolParam(const std::string& text, const std::string& field) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  throw Error::validation(field, field + " must be true or false");
}

ProductDraft productDraftFrom(const Json& body) {
  ProductDraft d;
  d.slug = optString(body, "slug");
  d.name = optString(body, "name").value_or("");
  d.description = optString(body, "description").value_or("");
  d.brand = optString(body, "brand").value_or("");
  d.categoryId = optString(body, "categoryId").value_or("");
  d.price = optMoney(body, "price");
  d.compareAtPrice = optMoney(body, "compareAtPrice");
  if (auto it = body.find("images"); it != body.end() && !it->is_null()) d.images = imagesFrom(*it);
  if (auto it = body.find("attributes"); it != body.end() && !it->is_null()) {
    d.attributes = objectFrom(*it, "attributes");
  }
  d.status = optString(body, "status").value_or("active");
  auto variants = body.find("variants");
  if (variants == body.end() || variants->is_null()) {
    throw Error::validation("variants", "at least one variant is required");
  }
  d.variants = variantsFrom(*variants);
  return d;
}

ProductPatch productPatchFrom(const Json& body) {
  ProductPatch p;
  p.slug = optString(body, "slug");
  p.name = optString(body, "name");
  p.description = optString(body, "description");
  p.brand = optString(body, "brand");
  p.categoryId = optString(body, "categoryId");
  p.price = optMoney(body, "price");
  if (auto it = body.find("compareAtPrice"); it != body.end()) {
    p.compareAtPrice = it->is_null() ? std::optional<Money>() : moneyFrom(*it, "compareAtPrice");
  }
  if (auto it = body.find("images"); it != body.end() && !it->is_null()) p.images = imagesFrom(*it);
  if (auto it = body.find("attributes"); it != body.end() && !it->is_null()) {
    p.attributes = objectFrom(*it, "attributes");
  }
  p.status = optString(body, "status");
  if (auto it = body.find("variants"); it != body.end() && !it->is_null()) {
    p.variants = variantsFrom(*it);
  }
  return p;
}

CategoryDraft categoryDraftFrom(const Json& body) {
  CategoryDraft d;
  d.name = optString(body, "name");
  d.slug = optString(body, "slug");
  if (auto it = body.find("parentId"); it != body.end()) {
    if (it->is_null()) {
      d.parentId = std::optional<std::string>();
    } else if (it->is_string()) {
      d.parentId = it->get<std::string>();
    } else {
      throw Error::validation("parentId", "parentId must be a string or null");
    }
  }
  if (auto pos = optInteger(body, "position", "position")) d.position = static_cast<int>(*pos);
  return d;
}

std::int64_t stockFrom(const Json& body) {
  auto stock = optInteger(body, "stock", "stock");
  if (!stock) throw Error::validation("stock", "stock is required");
  return *stock;
}

ListQuery listQueryFrom(const http::Request& r) {
  ListQuery q;
  if (auto v = r.queryParam("limit")) {
    const auto limit = integerParam(*v, "limit");
    if (limit < 1 || limit > 100) throw Error::validation("limit", "limit must be between 1 and 100");
    q.limit = static_cast<int>(limit);
  }
  if (auto v = r.queryParam("cursor"); v && !v->empty()) q.cursor = *v;
  if (auto v = r.queryParam("category"); v && !v->empty()) q.category = *v;
  if (auto v = r.queryParam("minPrice")) q.minPrice = integerParam(*v, "minPrice");
  if (auto v = r.queryParam("maxPrice")) q.maxPrice = integerParam(*v, "maxPrice");
  if (auto v = r.queryParam("inStock"); v && !v->empty()) q.inStock = boolParam(*v, "inStock");
  if (auto v = r.queryParam("sort"); v && !v->empty()) {
    auto sort = parseSort(*v);
    if (!sort) {
      throw Error::validation("sort", "sort must be newest, price_asc, price_desc, popular or name");
    }
    q.sort = *sort;
  }
  return q;
}

ListQuery adminListQueryFrom(const http::Request& r) {
  ListQuery q = listQueryFrom(r);
  if (auto v = r.queryParam("status"); v && !v->empty()) {
    q.status = parseStatus(*v);
    if (!q.status) throw Error::validation("status", "status must be active, draft or archived");
  }
  if (auto v = r.queryParam("q")) {
    auto text = *v;
    const auto first = text.find_first_not_of(' ');
    text = first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(' ') - first + 1);
    if (!text.empty()) q.text = text;
  }
  return q;
}

}  // namespace um::product::api

#include "services/product/domain/cursor.hpp"

#include <array>

#include "core/error.hpp"

namespace um::product {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

Error badCursor() { return Error::validation("cursor", "the cursor is not valid for this list"); }

}  // namespace

std::string base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
  std::array<int, 256> index{};
  index.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    index[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
  }
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    const int v = index[c];
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string encodeCursor(const Cursor& cursor) {
  Json j = {{"s", toString(cursor.sort)}, {"i", cursor.id}};
  if (cursor.number) j["n"] = *cursor.number;
  if (cursor.text) j["t"] = *cursor.text;
  return base64UrlEncode(j.dump());
}

Cursor decodeCursor(std::string_view text, Sort expectedSort) {
  if (text.size() > 2048) throw badCursor();
  const auto raw = base64UrlDecode(text);
  if (!raw) throw badCursor();
  const Json j = Json::parse(*raw, nullptr, false);
  if (!j.is_object() || !j.contains("s") || !j["s"].is_string() || !j.contains("i") ||
      !j["i"].is_string()) {
    throw badCursor();
  }
  const auto sort = parseSort(j["s"].get<std::string>());
  if (!sort || *sort != expectedSort) throw badCursor();
  Cursor c{*sort, std::nullopt, std::nullopt, j["i"].get<std::string>()};
  switch (*sort) {
    case Sort::kNewest:
      break;
    case Sort::kPriceAsc:
    case Sort::kPriceDesc:
    case Sort::kPopular:
      if (!j.contains("n") || !j["n"].is_number_integer()) throw badCursor();
      c.number = j["n"].get<std::int64_t>();
      break;
    case Sort::kName:
      if (!j.contains("t") || !j["t"].is_string()) throw badCursor();
      c.text = j["t"].get<std::string>();
      break;
  }
  return c;
}

Cursor cursorAfter(const Product& product, Sort sort) {
  Cursor c{sort, std::nullopt, std::nullopt, product.id};
  switch (sort) {
    case Sort::kNewest:
      break;
    case Sort::kPriceAsc:
    case Sort::kPriceDesc:
      c.number = product.price;
      break;
    case Sort::kPopular:
      c.number = product.popularity;
      break;
    case Sort::kName:
      c.text = product.name;
      break;
  }
  return c;
}

}  // namespace um::product

#include "services/product/domain/demo_catalog.hpp"

#include <cctype>
#include <cstdio>
#include <map>

#include "services/product/domain/slug.hpp"

namespace um::product {

namespace {

// splitmix64: tiny, fast and identical on every platform, unlike the distributions of
// <random>, whose output the standard leaves to each library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::int64_t range(std::int64_t lo, std::int64_t hi) {  // inclusive
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(range(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

struct Family {
  std::vector<std::string> nouns;
  std::vector<std::string> adjectives;
  std::vector<std::string> materials;
  std::vector<std::string> brands;
  std::int64_t minPrice;  // dollars
  std::int64_t maxPrice;
  std::string optionA;  // e.g. "size"
  std::vector<std::string> valuesA;
  std::string optionB;  // e.g. "color"
  std::vector<std::string> valuesB;
  std::string blurb;
};

const std::vector<std::string> kColors = {"Black", "White", "Navy", "Olive", "Red",
                                          "Grey",  "Blue",  "Beige", "Green", "Pink"};

const std::map<std::string, Family>& families() {
  static const std::map<std::string, Family> f = {
      {"apparel",
       {{"T-Shirt", "Hoodie", "Jacket", "Sweater", "Jeans", "Chinos", "Dress", "Shirt", "Parka",
         "Cardigan", "Shorts", "Polo"},
        {"Classic", "Slim", "Relaxed", "Vintage", "Everyday", "Premium", "Lightweight", "Cozy"},
        {"Cotton", "Linen", "Wool", "Denim", "Fleece", "Organic Cotton", "Merino"},
        {"Northwind", "Urban Thread", "Maple & Co", "Bluefield", "Harbor Lane", "Kestrel"},
        15, 180, "size", {"XS", "S", "M", "L", "XL"}, "color", kColors,
        "Cut for comfort and made to last, it pairs with everything in your wardrobe."}},
      {"phone",
       {{"Smartphone", "Phone", "Flip Phone"},
        {"Pro", "Lite", "Max", "Mini", "Ultra", "Plus"},
        {"5G", "4G"},
        {"Voltix", "Nimbus", "Orion Mobile", "Pixelon"},
        149, 1399, "storage", {"64 GB", "128 GB", "256 GB", "512 GB"}, "color",
        {"Black", "Silver", "Blue", "Gold"},
        "A bright display, an all-day battery and a camera that shines in low light."}},
      {"laptop",
       {{"Laptop", "Ultrabook", "Notebook", "Chromebook", "Workstation"},
        {"Pro", "Air", "Slim", "Gaming", "Business", "Creator"},
        {"13-inch", "14-inch", "15-inch", "16-inch"},
        {"Voltix", "Kepler", "Nimbus", "Arcwave"},
        299, 2999, "memory", {"8 GB", "16 GB", "32 GB"}, "storage", {"256 GB", "512 GB", "1 TB"},
        "Fast, quiet and light enough to carry everywhere, with a keyboard you will enjoy."}},
      {"audio",
       {{"Headphones", "Earbuds", "Speaker", "Soundbar", "Turntable"},
        {"Wireless", "Noise-Cancelling", "Portable", "Studio", "Sport"},
        {"Bluetooth", "Hi-Fi", "Bass"},
        {"Sonora", "Echofield", "Auralis", "Voltix"},
        19, 499, "color", {"Black", "White", "Midnight Blue", "Sand"}, "", {},
        "Rich, detailed sound with deep bass and controls that fall right under your fingers."}},
      {"furniture",
       {{"Sofa", "Armchair", "Coffee Table", "Bookshelf", "Desk", "Dining Chair", "Bed Frame"},
        {"Modern", "Scandinavian", "Rustic", "Mid-Century", "Compact"},
        {"Oak", "Walnut", "Pine", "Velvet", "Leather", "Steel"},
        {"Hearthstone", "Nordhus", "Oak & Ember", "Loftline"},
        49, 1899, "finish", {"Natural", "Dark", "White", "Grey"}, "", {},
        "Solid construction and clean lines that make any room feel calm and finished."}},
      {"kitchen",
       {{"Chef's Knife", "Frying Pan", "Dutch Oven", "Blender", "Kettle", "Cutting Board",
         "Coffee Grinder", "Mixing Bowl Set"},
        {"Professional", "Nonstick", "Cast", "Electric", "Essential"},
        {"Stainless Steel", "Ceramic", "Bamboo", "Cast Iron", "Copper"},
        {"Copperleaf", "Kitchara", "Hearthstone", "Bellini"},
        9, 349, "color", {"Steel", "Black", "Red", "Cream"}, "", {},
        "Built for daily cooking: heats evenly, cleans easily and looks good on the counter."}},
      {"decor",
       {{"Vase", "Table Lamp", "Wall Mirror", "Throw Pillow", "Candle", "Rug", "Picture Frame"},
        {"Handmade", "Minimalist", "Bohemian", "Classic", "Textured"},
        {"Ceramic", "Glass", "Brass", "Jute", "Linen"},
        {"Nordhus", "Casa Lumen", "Loftline", "Terra & Tide"},
        9, 299, "", {}, "", {},
        "A small touch that changes the mood of a room; easy to style and to love."}},
      {"fitness",
       {{"Yoga Mat", "Dumbbell Set", "Kettlebell", "Resistance Bands", "Jump Rope",
         "Foam Roller", "Running Shoes"},
        {"Pro", "Eco", "Adjustable", "Training", "Performance"},
        {"Rubber", "Neoprene", "Cork", "Steel", "Mesh"},
        {"Stridewell", "Peakform", "Ironleaf", "Kinetiq"},
        9, 249, "size", {"S", "M", "L"}, "color", {"Black", "Teal", "Coral", "Grey"},
        "Gear that keeps up with your routine, from the first warm-up to the last rep."}},
      {"camping",
       {{"Tent", "Sleeping Bag", "Backpack", "Headlamp", "Camp Stove", "Water Bottle",
         "Hammock"},
        {"Ultralight", "Weatherproof", "Trail", "Expedition", "Compact"},
        {"Ripstop Nylon", "Aluminium", "Down", "Titanium", "Canvas"},
        {"Summitline", "Wildpath", "Ridgeway", "Northwind"},
        12, 699, "color", {"Forest", "Orange", "Slate"}, "", {},
        "Packs small, sets up fast and shrugs off wind and rain on the trail."}},
      {"beauty",
       {{"Face Cream", "Serum", "Shampoo", "Lip Balm", "Body Lotion", "Cleanser", "Perfume"},
        {"Hydrating", "Gentle", "Radiance", "Soothing", "Daily"},
        {"Aloe", "Vitamin C", "Argan Oil", "Shea Butter", "Rosewater"},
        {"Lumina", "Velvetine", "Bloom & Co", "Puressence"},
        6, 129, "size", {"30 ml", "50 ml", "100 ml"}, "", {},
        "Dermatologist tested and kind to every skin type; a little goes a long way."}},
      {"books",
       {{"Cookbook", "Novel", "Field Guide", "Biography", "Atlas", "Poetry Collection"},
        {"Illustrated", "Bestselling", "Complete", "Pocket", "Annotated"},
        {"Travel", "History", "Mystery", "Science", "Gardening", "Design"},
        {"Penwright Press", "Lantern House", "Meridian Books"},
        7, 69, "format", {"Paperback", "Hardcover", "E-book"}, "", {},
        "Beautifully written and hard to put down, a book to keep and to give."}},
  };
  return f;
}

std::vector<const DemoCategory*> leaves() {
  std::vector<const DemoCategory*> out;
  for (const auto& c : demoCategories()) {
    if (!c.kind.empty()) out.push_back(&c);
  }
  return out;
}

std::string skuPart(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (out.size() == 3) break;
  }
  return out;
}

}  // namespace

const std::vector<DemoCategory>& demoCategories() {
  static const std::vector<DemoCategory> categories = {
      {"clothing", "Clothing", "", ""},
      {"mens-clothing", "Men", "clothing", "apparel"},
      {"womens-clothing", "Women", "clothing", "apparel"},
      {"kids-clothing", "Kids", "clothing", "apparel"},
      {"electronics", "Electronics", "", ""},
      {"phones", "Phones", "electronics", "phone"},
      {"laptops", "Laptops", "electronics", "laptop"},
      {"audio", "Audio", "electronics", "audio"},
      {"home-kitchen", "Home & Kitchen", "", ""},
      {"furniture", "Furniture", "home-kitchen", "furniture"},
      {"kitchen", "Kitchen", "home-kitchen", "kitchen"},
      {"decor", "Decor", "home-kitchen", "decor"},
      {"sports-outdoors", "Sports & Outdoors", "", ""},
      {"fitness", "Fitness", "sports-outdoors", "fitness"},
      {"camping", "Camping", "sports-outdoors", "camping"},
      {"beauty", "Beauty", "", "beauty"},
      {"books", "Books", "", "books"},
  };
  return categories;
}

DemoProduct DemoCatalog::product(std::int64_t index) const {
  Rng rng(seed_ * 0x100000001B3ULL + static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ULL);
  rng.next();
  static const auto leafCategories = leaves();
  const auto& category = *leafCategories[static_cast<std::size_t>(
      rng.range(0, static_cast<std::int64_t>(leafCategories.size()) - 1))];
  const auto& family = families().at(category.kind);

  const auto& adjective = rng.pick(family.adjectives);
  const auto& material = rng.pick(family.materials);
  const auto& noun = rng.pick(family.nouns);
  const auto& brand = rng.pick(family.brands);

  DemoProduct out;
  out.categorySlug = category.slug;
  auto& d = out.draft;
  d.name = adjective + " " + material + " " + noun;
  d.slug = slugify(brand + " " + d.name) + "-" + std::to_string(index + 1);
  d.brand = brand;
  d.description = d.name + " by " + brand + ". " + family.blurb + " Material: " + material + ".";
  d.categoryId = category.slug;
  // Prices end in .99 or .00, like a real shop's.
  const auto dollars = rng.range(family.minPrice, family.maxPrice);
  const std::int64_t price = dollars * 100 + (rng.chance(70) ? 99 : 0);
  d.price = Money{price, kCurrency};
  if (rng.chance(20)) {
    d.compareAtPrice = Money{(price * rng.range(115, 150) / 100) / 100 * 100 + 99, kCurrency};
  }
  const auto imageCount = rng.range(1, 4);
  for (std::int64_t i = 1; i <= imageCount; ++i) {
    d.images.push_back("products/" + *d.slug + "/" + std::to_string(i) + ".jpg");
  }
  d.attributes = {{"material", material}};
  d.status = "active";

  // Options: a subset of each axis, so products differ in how many variants they have.
  std::vector<std::string> a = family.valuesA.empty() ? std::vector<std::string>{""} : family.valuesA;
  std::vector<std::string> b = family.valuesB.empty() ? std::vector<std::string>{""} : family.valuesB;
  if (a.size() > 1) a.resize(static_cast<std::size_t>(rng.range(1, static_cast<std::int64_t>(a.size()))));
  if (b.size() > 1) {
    const auto start = static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(b.size()) - 1));
    std::vector<std::string> picked;
    const auto count = static_cast<std::size_t>(rng.range(1, 3));
    for (std::size_t i = 0; i < count && i < b.size(); ++i) picked.push_back(b[(start + i) % b.size()]);
    b = picked;
  }
  const bool soldOut = rng.chance(8);
  char base[32];
  std::snprintf(base, sizeof base, "UM-%06lld", static_cast<long long>(index + 1));
  for (const auto& va : a) {
    for (const auto& vb : b) {
      VariantDraft v;
      std::string name;
      v.sku = base;
      if (!va.empty()) {
        v.attributes[family.optionA] = va;
        name = va;
        v.sku += "-" + skuPart(va);
      }
      if (!vb.empty()) {
        v.attributes[family.optionB] = vb;
        name += (name.empty() ? "" : " / ") + vb;
        v.sku += "-" + skuPart(vb);
      }
      if (name.empty()) name = "Standard";
      v.name = name;
      // Bigger storage or memory costs more.
      if (family.optionA == "storage" || family.optionA == "memory") {
        const auto step = static_cast<std::int64_t>(&va - &a.front());
        v.price = price + step * 10000;
      }
      v.stock = soldOut ? 0 : (rng.chance(10) ? 0 : rng.range(1, 150));
      d.variants.push_back(std::move(v));
    }
  }
  // Two values abbreviating alike ("Blue"/"Black" → BLU/BLA are fine, but guard anyway).
  for (std::size_t i = 0; i < d.variants.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (d.variants[j].sku == d.variants[i].sku) d.variants[i].sku += "-" + std::to_string(i);
    }
  }
  out.popularity = rng.chance(30) ? rng.range(100, 5000) : rng.range(0, 99);
  out.rating = static_cast<double>(rng.range(30, 50)) / 10.0;
  return out;
}

}  // namespace um::product

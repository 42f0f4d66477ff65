// The catalog store's event-driven changes on both stores: popularity counted once per
// order event, category renames and moves reaching every product below as product.updated,
// and the admin list's status and text filters.

#include <gtest/gtest.h>

#include <algorithm>

#include "services/product/domain/catalog.hpp"
#include "services/product/store/sql_catalog_store.hpp"
#include "store_fixture.hpp"

namespace um::product {
namespace {

class CatalogEventsTest : public um::testing::CatalogStoreTest {
 protected:

  Category category(const std::string& name, std::optional<std::string> parent = {}) {
    CategoryDraft c;
    c.name = name;
    if (parent) c.parentId = parent;
    return catalog_->createCategory(c);
  }

  Product product(const std::string& categoryId, const std::string& name,
                  const std::string& status = "active") {
    ProductDraft d;
    d.name = name;
    d.categoryId = categoryId;
    d.price = Money{1000, "USD"};
    d.status = status;
    VariantDraft v;
    v.sku = "SKU-" + name.substr(0, 3) + "-" + std::to_string(++skus_);
    v.stock = 3;
    d.variants.push_back(v);
    return catalog_->create(d);
  }

  // The product.updated events waiting in the outbox, by product id.
  std::vector<std::string> updatedEvents() {
    std::vector<std::string> out;
    for (const auto& r : db_->execute("SELECT aggregate_id FROM outbox "
                                      "WHERE type = 'product.updated' ORDER BY seq")
                             .rows) {
      out.push_back(r.get<std::string>("aggregate_id"));
    }
    return out;
  }

  int skus_ = 0;
};

TEST_P(CatalogEventsTest, AnOrderEventCountsOnceAndPopularityNeverGoesNegative) {
  const auto c = category("Lamps");
  const auto a = product(c.id, "Alpha lamp");
  const auto b = product(c.id, "Beta lamp");

  catalog_->recordSales("event-1", {{a.id, 3}, {b.id, 1}});
  catalog_->recordSales("event-1", {{a.id, 3}, {b.id, 1}});  // redelivered
  EXPECT_EQ(catalog_->product(a.id).popularity, 3);
  EXPECT_EQ(catalog_->product(b.id).popularity, 1);
  EXPECT_GT(catalog_->product(a.id).revision, a.revision);
  EXPECT_EQ(updatedEvents().size(), 2u);

  catalog_->recordSales("event-2", {{b.id, -5}});
  EXPECT_EQ(catalog_->product(b.id).popularity, 0);

  ListQuery popular;
  popular.sort = Sort::kPopular;
  const auto page = catalog_->list(popular);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items.front().id, a.id);
}

TEST_P(CatalogEventsTest, ReservationsMarkStockChangesThatArePublishedOncePerProduct) {
  const auto c = category("Lamps");
  const auto a = product(c.id, "Alpha lamp");
  const auto b = product(c.id, "Beta lamp");
  auto stockEvents = [&] {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& r : db_->execute("SELECT aggregate_id, payload FROM outbox "
                                      "WHERE type = 'inventory.changed' ORDER BY seq")
                             .rows) {
      const auto payload = nlohmann::json::parse(r.get<std::string>("payload"));
      out.emplace_back(r.get<std::string>("aggregate_id"), payload.at("revision").get<std::int64_t>());
    }
    return out;
  };
  catalog_->reserve({{a.variants[0].id, 1}}, std::chrono::seconds{600}, "o1");
  catalog_->reserve({{a.variants[0].id, 1}}, std::chrono::seconds{600}, "o2");
  catalog_->reserve({{b.variants[0].id, 1}}, std::chrono::seconds{600}, "o3");
  EXPECT_TRUE(stockEvents().empty());  // marked, not yet published

  EXPECT_EQ(catalog_->publishStockChanges(), 2);
  const auto events = stockEvents();
  ASSERT_EQ(events.size(), 2u);  // one per product, however many reservations
  EXPECT_EQ(events[0].second + events[1].second,
            catalog_->product(a.id).revision + catalog_->product(b.id).revision);
  EXPECT_EQ(catalog_->publishStockChanges(), 0);  // the marks are gone

  // A mark newer than what the event carried (a reservation that committed after the
  // pass read the product) stays for the next pass, and goes once an event covers it.
  const auto revision = catalog_->product(a.id).revision;
  db_->execute("INSERT INTO stock_changes (product_id, revision) VALUES ($1, $2)",
               {a.id, revision + 1});
  EXPECT_EQ(store_->publishStockChanges(10), 1);
  EXPECT_EQ(store_->publishStockChanges(10), 1);  // still marked
  db_->execute("UPDATE products SET revision = revision + 1 WHERE id = $1", {a.id});
  EXPECT_EQ(catalog_->publishStockChanges(), 1);
  EXPECT_EQ(stockEvents().back().second, revision + 1);
  EXPECT_EQ(catalog_->publishStockChanges(), 0);
}

TEST_P(CatalogEventsTest, RenamingOrMovingACategoryUpdatesEveryProductBelowIt) {
  const auto root = category("Home");
  const auto other = category("Garden");
  const auto mid = category("Lighting", root.id);
  const auto leaf = category("Lamps", mid.id);
  const auto inMid = product(mid.id, "Ceiling light");
  const auto inLeaf = product(leaf.id, "Desk lamp");
  const auto elsewhere = product(other.id, "Spade");

  CategoryDraft rename;
  rename.name = "Lights";
  catalog_->updateCategory(mid.id, rename);
  auto events = updatedEvents();
  std::sort(events.begin(), events.end());
  std::vector<std::string> expected{inMid.id, inLeaf.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(events, expected);
  EXPECT_EQ(catalog_->product(inMid.id).category.name, "Lights");
  EXPECT_GT(catalog_->product(inLeaf.id).revision, inLeaf.revision);

  CategoryDraft reorder;
  reorder.position = 4;
  catalog_->updateCategory(mid.id, reorder);
  EXPECT_EQ(updatedEvents().size(), 2u);  // nothing products carry changed

  CategoryDraft move;
  move.parentId = std::optional<std::string>(other.id);
  catalog_->updateCategory(mid.id, move);
  EXPECT_EQ(updatedEvents().size(), 4u);
  ListQuery inGarden;
  inGarden.category = other.id;
  EXPECT_EQ(catalog_->list(inGarden).total, 3);
  const auto payload =
      Json::parse(db_->execute("SELECT payload FROM outbox WHERE type = 'product.updated' AND "
                               "aggregate_id = $1 ORDER BY seq DESC LIMIT 1",
                               {inLeaf.id})
                      .one()
                      .get<std::string>("payload"));
  EXPECT_EQ(payload["categoryPath"], (Json::array({other.slug, mid.slug, leaf.slug})));
  EXPECT_EQ(catalog_->product(elsewhere.id).revision, elsewhere.revision);
}

TEST_P(CatalogEventsTest, TheAdminListFiltersByStatusAndText) {
  const auto c = category("Desks");
  const auto active = product(c.id, "Oak desk");
  const auto draft = product(c.id, "Oak_50% desk", "draft");
  const auto archived = product(c.id, "Pine desk", "archived");

  ListQuery all;
  EXPECT_EQ(catalog_->listForAdmin(all).total, 3);
  EXPECT_EQ(catalog_->list(all).total, 1);  // the public list: active only

  ListQuery drafts;
  drafts.status = Status::kDraft;
  const auto page = catalog_->listForAdmin(drafts);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items.front().id, draft.id);

  ListQuery oak;
  oak.text = "OAK";
  EXPECT_EQ(catalog_->listForAdmin(oak).total, 2);
  ListQuery literal;
  literal.text = "_50%";
  EXPECT_EQ(catalog_->listForAdmin(literal).total, 1);
  ListQuery wildcard;
  wildcard.text = "o_k";  // "_" is a plain character, not LIKE's any-one
  EXPECT_EQ(catalog_->listForAdmin(wildcard).total, 0);
  ListQuery bySku;
  bySku.text = archived.variants.front().sku;
  EXPECT_EQ(catalog_->listForAdmin(bySku).items.front().id, archived.id);
  (void)active;
}

INSTANTIATE_TEST_SUITE_P(Stores, CatalogEventsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace um::product

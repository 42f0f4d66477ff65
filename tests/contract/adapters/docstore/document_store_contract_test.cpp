// The document-store port's contract. Every adapter runs this suite: the embedded SQLite one
// now, the MongoDB one (against FerretDB) when it lands — add it to kAdapters below.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "adapters/docstore/sqlite/sqlite_document_store.hpp"
#include "core/ids.hpp"

namespace um::docstore {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Adapter {
  std::string name;
  std::function<std::unique_ptr<DocumentStore>(const fs::path& dir)> open;
};

const std::vector<Adapter> kAdapters = {
    {"sqlite", [](const fs::path& dir) { return openSqliteDocumentStore(dir.string(), "contract_docs"); }},
};

class DocumentStoreContract : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("um-docstore-" + newId());
    store_ = GetParam().open(dir_);
    store_->insertMany("sales", {
        {{"_id", "s1"}, {"productId", "a"}, {"units", 2}, {"revenue", 200}, {"name", "Alpha"}, {"at", "2026-01-01T10:00:00.000Z"}, {"paid", true}},
        {{"_id", "s2"}, {"productId", "b"}, {"units", 5}, {"revenue", 150}, {"name", "Beta"}, {"at", "2026-01-02T10:00:00.000Z"}, {"paid", false}},
        {{"_id", "s3"}, {"productId", "a"}, {"units", 1}, {"revenue", 100}, {"name", "Alpha 2"}, {"at", "2026-01-03T10:00:00.000Z"}, {"paid", true}},
        {{"_id", "s4"}, {"productId", "c"}, {"units", 3}, {"revenue", 300}, {"name", "Gamma"}, {"at", "2026-01-04T10:00:00.000Z"},
         {"meta", {{"channel", "web"}}}},
    });
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::vector<std::string> ids(const std::vector<Document>& docs) {
    std::vector<std::string> out;
    for (const auto& d : docs) out.push_back(d["_id"].get<std::string>());
    return out;
  }

  fs::path dir_;
  std::unique_ptr<DocumentStore> store_;
};

TEST_P(DocumentStoreContract, InsertManyKeepsTheFirstDocumentOfAnId) {
  EXPECT_EQ(store_->insertMany("sales", {{{"_id", "s1"}, {"units", 99}}, {{"_id", "s9"}, {"units", 9}}}), 1);
  EXPECT_EQ((*store_->findById("sales", "s1"))["units"], 2);
  EXPECT_EQ((*store_->findById("sales", "s9"))["units"], 9);
  EXPECT_EQ(store_->insertMany("sales", {}), 0);
}

TEST_P(DocumentStoreContract, LargeBatchesAreOneCall) {
  std::vector<Document> many;
  for (int i = 0; i < 1234; ++i) many.push_back({{"_id", "m" + std::to_string(i)}, {"n", i}});
  EXPECT_EQ(store_->insertMany("many", many), 1234);
  EXPECT_EQ(store_->count("many", {}), 1234);
}

TEST_P(DocumentStoreContract, UpsertReplacesOrInserts) {
  store_->upsert("sales", {{"_id", "s1"}, {"units", 7}});
  const auto doc = *store_->findById("sales", "s1");
  EXPECT_EQ(doc["units"], 7);
  EXPECT_FALSE(doc.contains("productId")) << "replaced whole, not merged";
  store_->upsert("sales", {{"_id", "new"}, {"units", 1}});
  EXPECT_TRUE(store_->findById("sales", "new"));
  EXPECT_FALSE(store_->findById("sales", "missing"));
  EXPECT_FALSE(store_->findById("other", "s1")) << "collections are separate";
}

TEST_P(DocumentStoreContract, BulkWriteAppliesItsWritesInOrder) {
  const auto inserted = store_->bulkWrite({
      WriteOp::insert("events", {{{"_id", "e1"}, {"n", 1}}, {{"_id", "e2"}, {"n", 2}}}),
      WriteOp::upsert("orders", {{"_id", "o1"}, {"status", "pending"}}),
      WriteOp::upsert("orders", {{"_id", "o1"}, {"status", "paid"}}),  // the later one wins
      WriteOp::insert("sales", {{{"_id", "s1"}, {"units", 99}}}),      // an existing id: kept
  });
  EXPECT_EQ(inserted, 2);
  EXPECT_EQ(store_->count("events", {}), 2);
  EXPECT_EQ((*store_->findById("orders", "o1"))["status"], "paid");
  EXPECT_EQ((*store_->findById("sales", "s1"))["units"], 2);
  // Repeating the same bulk (a redelivered event) changes nothing and inserts nothing.
  EXPECT_EQ(store_->bulkWrite({WriteOp::insert("events", {{{"_id", "e1"}, {"n", 7}}})}), 0);
  EXPECT_EQ((*store_->findById("events", "e1"))["n"], 1);
  EXPECT_EQ(store_->bulkWrite({}), 0);
}

TEST_P(DocumentStoreContract, BulkWriteRefusesABadWriteBeforeWritingAnything) {
  EXPECT_ANY_THROW(store_->bulkWrite({
      WriteOp::insert("events", {{{"_id", "e1"}}}),
      WriteOp::insert("bad name", {{{"_id", "x"}}}),
  }));
  EXPECT_FALSE(store_->findById("events", "e1"));
}

TEST_P(DocumentStoreContract, FindFiltersSortsAndLimits) {
  EXPECT_EQ(ids(store_->find("sales", {{Condition::eq("productId", "a")}, {{"at", true}}, {}})),
            (std::vector<std::string>{"s3", "s1"}));
  EXPECT_EQ(ids(store_->find("sales", {{Condition::gte("at", "2026-01-02"), Condition::lt("at", "2026-01-04")},
                                       {{"at", false}}, {}})),
            (std::vector<std::string>{"s2", "s3"}));
  EXPECT_EQ(ids(store_->find("sales", {{}, {{"units", true}}, 2})), (std::vector<std::string>{"s2", "s4"}));
  EXPECT_EQ(ids(store_->find("sales", {{Condition::in("productId", json::array({"b", "c"}))}, {}, {}})),
            (std::vector<std::string>{"s2", "s4"}));
  EXPECT_TRUE(store_->find("sales", {{Condition::in("productId", json::array())}, {}, {}}).empty());
  EXPECT_EQ(ids(store_->find("sales", {{Condition::gt("units", 2), Condition::lte("units", 3)}, {}, {}})),
            (std::vector<std::string>{"s4"}));
}

TEST_P(DocumentStoreContract, BooleansNestedFieldsAndMissingFields) {
  EXPECT_EQ(store_->count("sales", {Condition::eq("paid", true)}), 2);
  EXPECT_EQ(store_->count("sales", {Condition::eq("paid", false)}), 1);
  // $ne also matches documents without the field, as in MongoDB.
  EXPECT_EQ(store_->count("sales", {Condition::ne("paid", true)}), 2);
  EXPECT_EQ(store_->count("sales", {Condition::exists("paid")}), 3);
  EXPECT_EQ(store_->count("sales", {Condition::eq("meta.channel", "web")}), 1);
}

TEST_P(DocumentStoreContract, AggregateGroupsSumsCountsAndSorts) {
  Aggregation a;
  a.groupBy = {"productId"};
  a.accumulators = {Accumulator::sum("units", "units"), Accumulator::sum("revenue", "revenue"),
                    Accumulator::count("orders"), Accumulator::max("name", "name")};
  a.sort = {{"units", true}};
  const auto rows = store_->aggregate("sales", a);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (json{{"productId", "b"}, {"units", 5}, {"revenue", 150}, {"orders", 1}, {"name", "Beta"}}));
  EXPECT_EQ(rows[1], (json{{"productId", "a"}, {"units", 3}, {"revenue", 300}, {"orders", 2}, {"name", "Alpha 2"}}));
  EXPECT_EQ(rows[2]["productId"], "c");

  a.where = {Condition::lt("at", "2026-01-03")};
  a.limit = 1;
  const auto limited = store_->aggregate("sales", a);
  ASSERT_EQ(limited.size(), 1u);
  EXPECT_EQ(limited[0]["productId"], "b");
}

TEST_P(DocumentStoreContract, AggregateWithoutKeysIsOneGroupOrNone) {
  Aggregation a;
  a.accumulators = {Accumulator::countDistinct("products", "productId"), Accumulator::sum("units", "units")};
  const auto all = store_->aggregate("sales", a);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["products"], 3);
  EXPECT_EQ(all[0]["units"], 11);
  a.where = {Condition::eq("productId", "nothing")};
  EXPECT_TRUE(store_->aggregate("sales", a).empty());
}

TEST_P(DocumentStoreContract, DeleteManyRemovesOnlyMatches) {
  EXPECT_EQ(store_->deleteMany("sales", {Condition::eq("productId", "a")}), 2);
  EXPECT_EQ(store_->count("sales", {}), 2);
}

TEST_P(DocumentStoreContract, IndexesAreDeclaredIdempotentlyAndQueriesStillWork) {
  store_->ensureIndex("sales", {"productId", "at"});
  store_->ensureIndex("sales", {"productId", "at"});
  store_->ensureIndex("sales", {"meta.channel"});
  EXPECT_EQ(store_->count("sales", {Condition::eq("productId", "a"), Condition::gte("at", "2026-01-02")}), 1);
}

TEST_P(DocumentStoreContract, DocumentsSurviveReopening) {
  store_.reset();
  store_ = GetParam().open(dir_);
  EXPECT_EQ(store_->count("sales", {}), 4);
  EXPECT_NO_THROW(store_->ping());
}

INSTANTIATE_TEST_SUITE_P(Adapters, DocumentStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace um::docstore

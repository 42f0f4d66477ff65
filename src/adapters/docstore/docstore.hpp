#pragma once

// The document-store port, shaped like MongoDB so its adapter (libmongoc, a later issue) is
// a direct translation: named collections of JSON documents keyed by "_id", queries of
// field conditions ($eq, $gte, $lt, $in), and a $match → $group → $sort → $limit pipeline.
// The embedded adapter keeps documents in SQLite JSON columns (docstore/sqlite).
//
// Field names may be dotted paths into nested objects ("payload.orderId"). Time fields are
// RFC 3339 UTC strings of fixed width (core/clock.hpp), so comparing them as strings
// compares the instants on every adapter.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace um::docstore {

using Document = nlohmann::json;  // an object with a string "_id"

struct Condition {
  enum class Op { kEq, kNe, kGte, kGt, kLt, kLte, kIn, kExists };
  std::string field;
  Op op = Op::kEq;
  nlohmann::json value;  // a string, number or bool; an array for kIn; ignored for kExists

  static Condition eq(std::string f, nlohmann::json v) { return {std::move(f), Op::kEq, std::move(v)}; }
  static Condition ne(std::string f, nlohmann::json v) { return {std::move(f), Op::kNe, std::move(v)}; }
  static Condition gte(std::string f, nlohmann::json v) { return {std::move(f), Op::kGte, std::move(v)}; }
  static Condition gt(std::string f, nlohmann::json v) { return {std::move(f), Op::kGt, std::move(v)}; }
  static Condition lt(std::string f, nlohmann::json v) { return {std::move(f), Op::kLt, std::move(v)}; }
  static Condition lte(std::string f, nlohmann::json v) { return {std::move(f), Op::kLte, std::move(v)}; }
  static Condition in(std::string f, nlohmann::json values) { return {std::move(f), Op::kIn, std::move(values)}; }
  static Condition exists(std::string f) { return {std::move(f), Op::kExists, nullptr}; }
};

struct SortKey {
  std::string field;
  bool descending = false;
};

// All conditions hold (an implicit $and).
struct Query {
  std::vector<Condition> where;
  std::vector<SortKey> sort;
  std::optional<std::int64_t> limit;
};

// One output field of a $group stage.
struct Accumulator {
  enum class Op { kCount, kSum, kMax, kCountDistinct };
  std::string name;   // the output field
  Op op = Op::kCount;
  std::string field;  // input field; unused for kCount

  static Accumulator count(std::string n) { return {std::move(n), Op::kCount, ""}; }
  static Accumulator sum(std::string n, std::string f) { return {std::move(n), Op::kSum, std::move(f)}; }
  static Accumulator max(std::string n, std::string f) { return {std::move(n), Op::kMax, std::move(f)}; }
  static Accumulator countDistinct(std::string n, std::string f) {
    return {std::move(n), Op::kCountDistinct, std::move(f)};
  }
};

// $match where → $group by keys → $sort → $limit. Each output document has one field per
// key (under the key's name, values as strings; a missing key groups as null) and one per
// accumulator: kCount, kSum and kCountDistinct give integers (sums are over integer
// fields: money is minor units), kMax gives the field's value. No keys → one group over
// every matching document (none when nothing matches).
struct Aggregation {
  std::vector<Condition> where;
  std::vector<std::string> groupBy;
  std::vector<Accumulator> accumulators;
  std::vector<SortKey> sort;  // by output field names
  std::optional<std::int64_t> limit;
};

// One write of a bulkWrite: insert the documents whose _id is new (as insertMany), or
// replace-or-insert one document (as upsert).
struct WriteOp {
  enum class Kind { kInsert, kUpsert };
  Kind kind = Kind::kInsert;
  std::string collection;
  std::vector<Document> documents;  // exactly one for kUpsert

  static WriteOp insert(std::string c, std::vector<Document> docs) {
    return {Kind::kInsert, std::move(c), std::move(docs)};
  }
  static WriteOp upsert(std::string c, Document doc) {
    return {Kind::kUpsert, std::move(c), {std::move(doc)}};
  }
};

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // Several writes as one call, applied in order (MongoDB's ordered bulkWrite): one commit
  // instead of one per write, for a caller that records one fact as several documents. The
  // embedded adapter applies them all or none; with MongoDB a failure part-way leaves the
  // earlier ones applied, so callers keep each write idempotent (ids derived from what
  // caused them) and simply repeat the bulk. Returns how many documents kInsert inserted.
  virtual std::int64_t bulkWrite(const std::vector<WriteOp>& operations) = 0;

  // Inserts each document whose _id is new; existing ids are left untouched (an unordered
  // insertMany that ignores duplicate-key errors). Returns how many were inserted. One call
  // is one write to the store, which is what makes batching worth it.
  virtual std::int64_t insertMany(const std::string& collection,
                                  const std::vector<Document>& documents) = 0;
  // Replaces the document with the same _id, or inserts it (replaceOne with upsert).
  virtual void upsert(const std::string& collection, const Document& document) = 0;

  virtual std::optional<Document> findById(const std::string& collection, const std::string& id) = 0;
  virtual std::vector<Document> find(const std::string& collection, const Query& query) = 0;
  virtual std::int64_t count(const std::string& collection, const std::vector<Condition>& where) = 0;
  virtual std::vector<Document> aggregate(const std::string& collection,
                                          const Aggregation& aggregation) = 0;
  // Deletes every matching document; returns how many.
  virtual std::int64_t deleteMany(const std::string& collection,
                                  const std::vector<Condition>& where) = 0;

  // Declares the fields a collection is queried by (createIndex). Idempotent.
  virtual void ensureIndex(const std::string& collection, const std::vector<std::string>& fields) = 0;

  // Cheap round trip for /ready; throws when the store cannot be reached.
  virtual void ping() = 0;
};

}  // namespace um::docstore

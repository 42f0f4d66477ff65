#pragma once

// The fixture every contract test of the relational store shares: one fresh scope per test
// on each backend, dropped afterwards.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store_harness.hpp"

namespace um::sql::testing {

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    harness_ = makeHarness(GetParam());
    if (auto why = harness_->skipReason()) GTEST_SKIP() << *why;
    db_ = openScope(uniqueScope());
  }

  void TearDown() override {
    db_.reset();
    for (const auto& scope : scopes_) harness_->dropScope(scope);
  }

  // A handle on a scope: the same as db()'s acts like a second process, a new one shows
  // isolation. Handles must be gone before TearDown drops their scopes.
  std::unique_ptr<Database> openScope(const std::string& scope, std::size_t poolSize = 8) {
    scopes_.push_back(scope);
    return harness_->open(scope, poolSize);
  }

  Database& db() { return *db_; }
  StoreHarness& harness() { return *harness_; }

 private:
  std::unique_ptr<StoreHarness> harness_;
  std::unique_ptr<Database> db_;
  std::vector<std::string> scopes_;
};

std::string backendName(const ::testing::TestParamInfo<Backend>& info);

}  // namespace um::sql::testing

#define UM_INSTANTIATE_STORE_SUITE(Suite)                                             \
  INSTANTIATE_TEST_SUITE_P(Adapters, Suite,                                           \
                           ::testing::Values(::um::sql::testing::Backend::kSqlite,    \
                                             ::um::sql::testing::Backend::kPostgres), \
                           ::um::sql::testing::backendName)

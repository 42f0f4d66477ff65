#include "core/http/static_site.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace um::http {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("um-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<!doctype html><title>shop</title>";
    std::ofstream(root_ / "assets" / "app-1a2b.js") << "console.log(1)";
  }
  void TearDown() override { fs::remove_all(root_); }

  Request get(std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
  }
  fs::path root_;
};

TEST_F(StaticSiteTest, ServesFilesWithTypesAndCaching) {
  StaticSite site("/admin/", root_, {});
  auto js = site.serve(get("/admin/assets/app-1a2b.js"));
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  auto index = site.serve(get("/admin/"));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->headers.get("Cache-Control"), "no-cache");
  EXPECT_TRUE(index->headers.get("Content-Security-Policy"));
}

TEST_F(StaticSiteTest, ClientRoutesFallBackToIndexButMissingAssetsDoNot) {
  StaticSite site("/", root_, {});
  auto route = site.serve(get("/products/red-shoe"));
  ASSERT_TRUE(route);
  EXPECT_NE(route->body.find("<title>shop</title>"), std::string::npos);
  EXPECT_FALSE(site.serve(get("/assets/missing.js")));
}

TEST_F(StaticSiteTest, MatchingEtagAnswers304) {
  StaticSite site("/", root_, {});
  auto first = site.serve(get("/"));
  auto again = get("/");
  again.headers.set("If-None-Match", std::string(*first->headers.get("ETag")));
  EXPECT_EQ(site.serve(again)->status, 304);
}

TEST_F(StaticSiteTest, PathsOutsideThePrefixAreNotServed) {
  StaticSite site("/admin/", root_, {});
  EXPECT_FALSE(site.serve(get("/products")));
}

}  // namespace
}  // namespace um::http

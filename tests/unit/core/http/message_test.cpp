#include "core/http/message.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/http/error_response.hpp"
#include "core/http/middleware.hpp"

namespace um::http {
namespace {

Request jsonRequest(std::string body, std::string type = "application/json; charset=utf-8") {
  Request r;
  r.headers.set("content-type", std::move(type));
  r.body = std::move(body);
  return r;
}

ErrorKind kindOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no Error thrown";
  return ErrorKind::kInternal;
}

TEST(MessageTest, HeadersAreCaseInsensitive) {
  Headers h;
  h.set("X-Request-Id", "1");
  h.set("x-request-id", "2");
  EXPECT_EQ(h.get("X-REQUEST-ID"), "2");
  EXPECT_EQ(h.all().size(), 1u);
}

TEST(MessageTest, BodyParsingDistinguishesMalformedFromNotJson) {
  EXPECT_EQ(jsonRequest(R"({"a":1})").json()["a"], 1);
  EXPECT_EQ(kindOf([] { jsonRequest("{nope").json(); }), ErrorKind::kValidation);
  EXPECT_EQ(kindOf([] { jsonRequest("a=1", "application/x-www-form-urlencoded").json(); }),
            ErrorKind::kUnsupportedMedia);
  EXPECT_EQ(kindOf([] { jsonRequest("[1,2]").jsonObject(); }), ErrorKind::kValidation);
}

TEST(MessageTest, InvalidUtf8IsReplacedNotThrown) {
  auto r = Response::json(200, {{"name", std::string("bad \xff byte")}});
  EXPECT_NE(r.body.find("bad"), std::string::npos);
}

TEST(ErrorResponseTest, CarriesCodeFieldAndRequestId) {
  auto r = errorResponse(Error::validation("email", "not an email"), "rid");
  EXPECT_EQ(r.status, 400);
  auto body = Json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "validation_failed");
  EXPECT_EQ(body["error"]["field"], "email");
  EXPECT_EQ(body["error"]["requestId"], "rid");
}

TEST(ErrorResponseTest, InternalErrorsLeakNothing) {
  auto r = errorResponse(Error(ErrorKind::kInternal, "x", "SELECT secret FROM users"), "rid");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
}

TEST(ErrorResponseTest, RateLimitCarriesRetryAfter) {
  auto r = errorResponse(Error(ErrorKind::kRateLimited, "rate_limited", "slow down").withRetryAfter(7), "");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.headers.get("Retry-After"), "7");
}

TEST(MiddlewareTest, ErrorBoundaryTurnsUnexpectedExceptionsInto500) {
  Request req;
  req.requestId = "r1";
  auto res = errorBoundary()(req, [](Request&) -> Response { throw std::runtime_error("boom at 0xdead"); });
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("0xdead"), std::string::npos);
}

TEST(MiddlewareTest, RequireRoleSays401Then403) {
  Request req;
  auto ok = [](Request&) { return Response::noContent(); };
  EXPECT_EQ(kindOf([&] { requireRole("admin")(req, ok); }), ErrorKind::kUnauthenticated);
  req.principal = Principal{"u1", "customer"};
  EXPECT_EQ(kindOf([&] { requireRole("admin")(req, ok); }), ErrorKind::kForbidden);
  req.principal = Principal{"u1", "admin"};
  EXPECT_EQ(requireRole("admin")(req, ok).status, 204);
}

}  // namespace
}  // namespace um::http

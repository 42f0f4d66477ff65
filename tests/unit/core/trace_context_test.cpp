#include "core/trace_context.hpp"

#include <gtest/gtest.h>

namespace um {
namespace {

constexpr std::string_view kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceContext, ParsesTheSpecExample) {
  const auto t = parseTraceparent(kValid);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->traceId, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t->spanId, "00f067aa0ba902b7");
  EXPECT_EQ(t->flags, "01");
  EXPECT_EQ(t->traceparent(), kValid);
}

TEST(TraceContext, IgnoresWhatTheSpecSaysToIgnore) {
  for (const char* bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",         // no flags
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",      // upper case
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",      // zero trace id
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",      // zero parent id
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",      // version ff
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",    // v00 with extra
           "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",      // separators
           "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01"}) {   // not hex
    EXPECT_FALSE(parseTraceparent(bad)) << bad;
  }
  // A later version may append fields; its first four still count.
  EXPECT_TRUE(parseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
}

TEST(TraceContext, ContinuesTheCallersTraceWithItsOwnSpan) {
  const auto t = continueOrStartTrace(kValid);
  EXPECT_EQ(t.traceId, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t.flags, "01");
  EXPECT_EQ(t.spanId.size(), 16u);
  EXPECT_NE(t.spanId, "00f067aa0ba902b7");
  ASSERT_TRUE(parseTraceparent(t.traceparent()));
}

TEST(TraceContext, StartsANewTraceWithoutAValidParent) {
  const auto a = continueOrStartTrace(std::nullopt);
  const auto b = continueOrStartTrace("garbage");
  ASSERT_TRUE(parseTraceparent(a.traceparent()));
  ASSERT_TRUE(parseTraceparent(b.traceparent()));
  EXPECT_NE(a.traceId, b.traceId);
}

TEST(TraceContext, TheCurrentContextIsScopedToTheThread) {
  EXPECT_EQ(currentTrace(), nullptr);
  const auto outer = continueOrStartTrace(std::nullopt);
  {
    ScopedTrace a(outer);
    EXPECT_EQ(currentTrace(), &outer);
    const auto inner = continueOrStartTrace(outer.traceparent());
    {
      ScopedTrace b(inner);
      EXPECT_EQ(currentTrace()->traceId, outer.traceId);
    }
    EXPECT_EQ(currentTrace(), &outer);
  }
  EXPECT_EQ(currentTrace(), nullptr);
}

}  // namespace
}  // namespace um

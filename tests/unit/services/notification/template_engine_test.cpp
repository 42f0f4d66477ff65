#include "services/notification/domain/template_engine.hpp"

#include <gtest/gtest.h>

namespace um::notification {
namespace {

using nlohmann::json;

TEST(TemplateEngineTest, FillsVariablesAndDottedNames) {
  const json v = {{"name", "Ada"}, {"order", {{"number", "UM-1"}}}, {"count", 3}};
  EXPECT_EQ(renderTemplate("Hi {{name}}, {{ order.number }} x{{count}}", v, Escape::kNone),
            "Hi Ada, UM-1 x3");
}

TEST(TemplateEngineTest, MissingVariablesRenderEmpty) {
  EXPECT_EQ(renderTemplate("[{{nothing}}][{{a.b}}]", json::object(), Escape::kNone), "[][]");
}

TEST(TemplateEngineTest, EscapesForHtmlButNotForText) {
  const json v = {{"name", "<script>\"x\" & 'y'</script>"}};
  EXPECT_EQ(renderTemplate("{{name}}", v, Escape::kHtml),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
  EXPECT_EQ(renderTemplate("{{name}}", v, Escape::kNone), "<script>\"x\" & 'y'</script>");
  EXPECT_EQ(renderTemplate("{{{name}}}", v, Escape::kHtml), "<script>\"x\" & 'y'</script>");
}

TEST(TemplateEngineTest, RepeatsSectionsPerElementWithOuterNamesVisible) {
  const json v = {{"currency", "USD"},
                  {"items", json::array({{{"name", "Lamp"}}, {{"name", "Desk"}}})}};
  EXPECT_EQ(renderTemplate("{{#items}}{{name}} {{currency}};{{/items}}", v, Escape::kNone),
            "Lamp USD;Desk USD;");
}

TEST(TemplateEngineTest, SectionsAndInvertedSectionsFollowTruthiness) {
  const std::string t = "{{#paid}}refund{{/paid}}{{^paid}}no charge{{/paid}}";
  EXPECT_EQ(renderTemplate(t, {{"paid", true}}, Escape::kNone), "refund");
  EXPECT_EQ(renderTemplate(t, {{"paid", false}}, Escape::kNone), "no charge");
  EXPECT_EQ(renderTemplate(t, json::object(), Escape::kNone), "no charge");
  EXPECT_EQ(renderTemplate("{{#items}}x{{/items}}{{^items}}none{{/items}}",
                           {{"items", json::array()}}, Escape::kNone),
            "none");
  EXPECT_EQ(renderTemplate("{{#reason}}({{reason}}){{/reason}}", {{"reason", ""}}, Escape::kNone), "");
}

TEST(TemplateEngineTest, NestedSectionsInsideHiddenSectionsStayHidden) {
  const json v = {{"show", false}, {"items", json::array({1, 2})}};
  EXPECT_EQ(renderTemplate("a{{#show}}{{#items}}{{.}}{{/items}}{{/show}}b", v, Escape::kNone), "ab");
}

TEST(TemplateEngineTest, MalformedTemplatesAreRefused) {
  EXPECT_THROW(renderTemplate("{{#a}}x", json::object(), Escape::kNone), TemplateError);
  EXPECT_THROW(renderTemplate("{{#a}}x{{/b}}", json::object(), Escape::kNone), TemplateError);
  EXPECT_THROW(renderTemplate("x{{/a}}", json::object(), Escape::kNone), TemplateError);
  EXPECT_THROW(renderTemplate("{{name", json::object(), Escape::kNone), TemplateError);
}

}  // namespace
}  // namespace um::notification

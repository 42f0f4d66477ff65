#include "adapters/email/mime_message.hpp"

#include <gtest/gtest.h>

#include "adapters/email/sendgrid/sendgrid_sender.hpp"

namespace um::email {
namespace {

const TimePoint kDate = *parseRfc3339("2026-05-01T08:30:00Z");

TEST(MimeMessageTest, TextOnlyMessagesAreOnePlainPart) {
  const auto doc = renderMime({"ada@example.com", "Hello", "Line one\nLine two", "", "ref-1"},
                              {"UltraMarket <no-reply@shop.example>", kDate, "shop.example",
                               BodyEncoding::kEightBit});
  EXPECT_NE(doc.find("From: \"UltraMarket\" <no-reply@shop.example>\r\n"), std::string::npos) << doc;
  EXPECT_NE(doc.find("To: ada@example.com\r\n"), std::string::npos);
  EXPECT_NE(doc.find("Subject: Hello\r\n"), std::string::npos);
  EXPECT_NE(doc.find("Date: Fri, 01 May 2026 08:30:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(doc.find("Message-ID: <ref-1@shop.example>\r\n"), std::string::npos);
  EXPECT_NE(doc.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(doc.find("\r\n\r\nLine one\r\nLine two\r\n"), std::string::npos);
}

TEST(MimeMessageTest, HtmlMessagesAreMultipartAlternativeTextFirst) {
  const auto doc = renderMime({"ada@example.com", "Hi", "plain", "<p>rich</p>", "r"},
                              {"a@b.example", kDate, "b.example", BodyEncoding::kQuotedPrintable});
  const auto boundaryAt = doc.find("boundary=\"");
  ASSERT_NE(boundaryAt, std::string::npos);
  const auto boundary = doc.substr(boundaryAt + 10, doc.find('"', boundaryAt + 10) - boundaryAt - 10);
  const auto text = doc.find("Content-Type: text/plain");
  const auto html = doc.find("Content-Type: text/html");
  ASSERT_NE(text, std::string::npos);
  ASSERT_NE(html, std::string::npos);
  EXPECT_LT(text, html);
  EXPECT_NE(doc.find("--" + boundary + "--\r\n"), std::string::npos);
  EXPECT_NE(doc.find("<p>rich</p>"), std::string::npos);
}

TEST(MimeMessageTest, NonAsciiSubjectsAreEncodedWords) {
  EXPECT_EQ(encodeHeaderWord("Hello"), "Hello");
  EXPECT_EQ(encodeHeaderWord("Grüße"), "=?UTF-8?B?R3LDvMOfZQ==?=");
  // Long subjects split between characters, never inside one, into words of ≤ 75 chars.
  const std::string longSubject(40, 'x');
  const auto words = encodeHeaderWord(longSubject + "€€€€€€€€");
  for (std::size_t start = 0; start < words.size();) {
    auto end = words.find("\r\n ", start);
    if (end == std::string::npos) end = words.size();
    EXPECT_LE(end - start, 75u);
    start = end == words.size() ? end : end + 3;
  }
}

TEST(MimeMessageTest, QuotedPrintableKeepsLinesShortAndSevenBit) {
  const std::string encoded = quotedPrintable(std::string(200, 'a') + "\r\n.dot é=");
  for (std::size_t start = 0; start < encoded.size();) {
    auto end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 76u);
    EXPECT_NE(encoded[start], '.') << "a line never starts with a dot";
    start = end + 2;
  }
  for (unsigned char c : encoded) EXPECT_LT(c, 0x80);
  EXPECT_NE(encoded.find("=C3=A9=3D"), std::string::npos);
}

TEST(MimeMessageTest, HeaderInjectionIsImpossible) {
  EXPECT_THROW(renderMime({"a@example.com\r\nBcc: x@evil.example", "s", "t", "", ""},
                          {"f@example.com", kDate}),
               Error);
  EXPECT_THROW(renderMime({"a@example.com, b@example.com", "s", "t", "", ""}, {"f@example.com", kDate}),
               Error);
  const auto doc = renderMime({"a@example.com", "Hi\r\nBcc: x@evil.example", "t", "", ""},
                              {"f@example.com", kDate});
  EXPECT_EQ(doc.find("\r\nBcc:"), std::string::npos);
}

TEST(MimeMessageTest, ParsesNamedAndBareSenders) {
  auto m = parseMailbox("UltraMarket <no-reply@shop.example>");
  EXPECT_EQ(m.name, "UltraMarket");
  EXPECT_EQ(m.address, "no-reply@shop.example");
  m = parseMailbox("  no-reply@shop.example ");
  EXPECT_EQ(m.name, "");
  EXPECT_EQ(m.address, "no-reply@shop.example");
}

TEST(SendGridPayloadTest, FollowsTheV3MailSendShape) {
  const auto body = sendGridPayload({"ada@example.com", "Hi", "plain", "<p>rich</p>", "ref-9"},
                                    "UltraMarket <no-reply@shop.example>");
  EXPECT_EQ(body["personalizations"][0]["to"][0]["email"], "ada@example.com");
  EXPECT_EQ(body["from"]["email"], "no-reply@shop.example");
  EXPECT_EQ(body["from"]["name"], "UltraMarket");
  EXPECT_EQ(body["subject"], "Hi");
  ASSERT_EQ(body["content"].size(), 2u);
  EXPECT_EQ(body["content"][0]["type"], "text/plain");  // the API requires text/plain first
  EXPECT_EQ(body["content"][1]["type"], "text/html");
  EXPECT_EQ(body["custom_args"]["reference"], "ref-9");
  const auto textOnly = sendGridPayload({"ada@example.com", "Hi", "plain", "", ""}, "a@b.example");
  EXPECT_EQ(textOnly["content"].size(), 1u);
  EXPECT_FALSE(textOnly["from"].contains("name"));
}

}  // namespace
}  // namespace um::email

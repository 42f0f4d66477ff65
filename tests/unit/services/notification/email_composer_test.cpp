#include "services/notification/domain/email_composer.hpp"

#include <gtest/gtest.h>

#include "services/notification/domain/money_text.hpp"
#include "services/notification/domain/templates.hpp"

namespace um::notification {
namespace {

using nlohmann::json;

// Stands in for the sealed box: "sealed:" + link opens, anything else is refused.
std::optional<std::string> openFakeSeal(std::string_view sealed) {
  if (!sealed.starts_with("sealed:")) return std::nullopt;
  return std::string(sealed.substr(7));
}
const ComposeSettings kSettings{"https://shop.example.com", "UltraMarket", openFakeSeal};
const TimePoint kNow = TimePoint{} + std::chrono::seconds(1'800'000'000);  // 2027

json paidOrder() {
  return {{"orderId", "ord-1"},
          {"number", "UM-1001"},
          {"userId", "user-1"},
          {"email", "ada@example.com"},
          {"status", "paid"},
          {"currency", "USD"},
          {"subtotal", 2500},
          {"shipping", 499},
          {"tax", 181},
          {"total", 3180},
          {"items", json::array({{{"productId", "p1"}, {"sku", "LAMP-1"}, {"name", "Brass <Lamp>"},
                                  {"quantity", 2}, {"unitPrice", 1250}}})}};
}

TEST(MoneyTextTest, FormatsMinorUnitsPerCurrency) {
  EXPECT_EQ(formatMoney(3180, "USD"), "$31.80");
  EXPECT_EQ(formatMoney(123456789, "EUR"), "€1,234,567.89");
  EXPECT_EQ(formatMoney(5, "GBP"), "£0.05");
  EXPECT_EQ(formatMoney(500, "JPY"), "¥500");
  EXPECT_EQ(formatMoney(1999, "CHF"), "19.99 CHF");
  EXPECT_EQ(formatMoney(-250, "USD"), "-$2.50");
}

TEST(EmailComposerTest, PaidOrderBecomesTheConfirmationWithLinesTotalsAndLink) {
  const auto email = composeEmail("order.paid", paidOrder(), kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_EQ(email->templateName, "order_confirmation");
  EXPECT_EQ(email->to, "ada@example.com");
  EXPECT_EQ(email->userId, "user-1");
  EXPECT_EQ(email->subject, "Order UM-1001 confirmed");
  EXPECT_NE(email->textBody.find("2 x Brass <Lamp> (LAMP-1)  $25.00"), std::string::npos) << email->textBody;
  EXPECT_NE(email->textBody.find("Total:    $31.80"), std::string::npos);
  EXPECT_NE(email->textBody.find("https://shop.example.com/account/orders/ord-1"), std::string::npos);
  // HTML: escaped customer-visible data, the same link, inside the layout.
  EXPECT_NE(email->htmlBody.find("Brass &lt;Lamp&gt;"), std::string::npos);
  EXPECT_EQ(email->htmlBody.find("Brass <Lamp>"), std::string::npos);
  EXPECT_NE(email->htmlBody.find("href=\"https://shop.example.com/account/orders/ord-1\""), std::string::npos);
  EXPECT_NE(email->htmlBody.find("<title>Order UM-1001 confirmed</title>"), std::string::npos);
  EXPECT_NE(email->htmlBody.find("&copy; 2027 UltraMarket"), std::string::npos);
  EXPECT_FALSE(email->sensitive);
}

TEST(EmailComposerTest, GuestOrdersLinkToTheConfirmationPage) {
  json order = paidOrder();
  order["userId"] = nullptr;
  const auto email = composeEmail("order.created", order, kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_EQ(email->templateName, "order_received");
  EXPECT_FALSE(email->userId);
  EXPECT_NE(email->textBody.find("https://shop.example.com/orders/ord-1/confirmation"), std::string::npos);
}

TEST(EmailComposerTest, EachOrderEventHasItsTemplate) {
  json shipped = paidOrder();
  shipped["carrier"] = "DHL";
  shipped["trackingNumber"] = "JD0001";
  auto email = composeEmail("order.shipped", shipped, kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_EQ(email->subject, "Order UM-1001 is on its way");
  EXPECT_NE(email->textBody.find("Tracking number: JD0001"), std::string::npos);

  json cancelled = paidOrder();
  cancelled["reason"] = "cancelled by the customer";
  cancelled["wasPaid"] = true;
  email = composeEmail("order.cancelled", cancelled, kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_NE(email->textBody.find("Your payment of $31.80 is being refunded"), std::string::npos);
  cancelled["wasPaid"] = false;
  email = composeEmail("order.cancelled", cancelled, kSettings, kNow);
  EXPECT_NE(email->textBody.find("You have not been charged."), std::string::npos);

  json refunded = paidOrder();
  refunded["amount"] = 1000;
  refunded["refunded"] = 1000;
  email = composeEmail("order.refunded", refunded, kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_NE(email->textBody.find("We refunded $10.00 for order UM-1001."), std::string::npos);
}

TEST(EmailComposerTest, RegistrationSendsAWelcome) {
  const auto email = composeEmail(
      "user.registered", {{"userId", "u1"}, {"email", "bo@example.com"}, {"name", "Bo"}}, kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_EQ(email->templateName, "welcome");
  EXPECT_EQ(email->subject, "Welcome to UltraMarket, Bo");
  EXPECT_NE(email->textBody.find("https://shop.example.com/account"), std::string::npos);
}

TEST(EmailComposerTest, ResetEmailNeedsALinkThatOpensAndIsSensitive) {
  const json withoutLink = {{"userId", "u1"}, {"email", "bo@example.com"}, {"requestedAt", "x"}};
  EXPECT_FALSE(composeEmail("auth.password_reset_requested", withoutLink, kSettings, kNow));

  json forged = withoutLink;
  forged["sealedResetUrl"] = "https://evil.example/reset-password?token=x";
  EXPECT_FALSE(composeEmail("auth.password_reset_requested", forged, kSettings, kNow));
  json inClear = withoutLink;
  inClear["resetUrl"] = "https://evil.example/reset-password?token=x";
  EXPECT_FALSE(composeEmail("auth.password_reset_requested", inClear, kSettings, kNow));

  json sealed = withoutLink;
  sealed["sealedResetUrl"] = "sealed:https://shop.example.com/reset-password?token=abc_-1";
  sealed["expiresInMinutes"] = 30;
  EXPECT_FALSE(composeEmail("auth.password_reset_requested", sealed,
                            ComposeSettings{"https://shop.example.com"}, kNow))
      << "without a key nothing is sent";
  const auto email = composeEmail("auth.password_reset_requested", sealed, kSettings, kNow);
  ASSERT_TRUE(email);
  EXPECT_TRUE(email->sensitive);
  EXPECT_NE(email->textBody.find("https://shop.example.com/reset-password?token=abc_-1"),
            std::string::npos);
  EXPECT_NE(email->textBody.find("within 30 minutes"), std::string::npos);
}

TEST(EmailComposerTest, EventsWithoutARecipientOrTemplateSendNothing) {
  json order = paidOrder();
  order.erase("email");
  EXPECT_FALSE(composeEmail("order.paid", order, kSettings, kNow));
  EXPECT_FALSE(composeEmail("order.delivered", paidOrder(), kSettings, kNow));
  EXPECT_FALSE(composeEmail("product.created", paidOrder(), kSettings, kNow));
  EXPECT_FALSE(composeEmail("order.paid", json::array(), kSettings, kNow));
}

TEST(EmailTemplatesTest, EveryTemplateRendersWithEmptyVariables) {
  for (const auto& t : emailTemplates()) {
    EXPECT_NO_THROW(renderEmail(t.name, json::object())) << t.name;
  }
}

}  // namespace
}  // namespace um::notification

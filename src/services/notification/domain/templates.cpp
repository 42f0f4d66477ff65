#include "services/notification/domain/templates.hpp"

#include <stdexcept>
#include <string>

namespace um::notification {

namespace {

// Shared by the order templates: the lines and totals of an order.
#define UM_ORDER_TEXT_LINES                                                       \
  "{{#items}}  {{quantity}} x {{name}} ({{sku}})  {{lineTotal}}\n{{/items}}"      \
  "\nSubtotal: {{subtotal}}\nShipping: {{shipping}}\nTax:      {{tax}}\n"         \
  "Total:    {{total}}\n"

#define UM_ORDER_HTML_LINES                                                                       \
  "<table role=\"presentation\" width=\"100%\" cellpadding=\"6\" style=\"border-collapse:collapse\">" \
  "{{#items}}<tr><td>{{quantity}} &times; {{name}}<br><small style=\"color:#667\">{{sku}}</small></td>" \
  "<td align=\"right\">{{lineTotal}}</td></tr>{{/items}}"                                         \
  "<tr><td style=\"border-top:1px solid #dde\">Subtotal</td>"                                     \
  "<td align=\"right\" style=\"border-top:1px solid #dde\">{{subtotal}}</td></tr>"                \
  "<tr><td>Shipping</td><td align=\"right\">{{shipping}}</td></tr>"                               \
  "<tr><td>Tax</td><td align=\"right\">{{tax}}</td></tr>"                                         \
  "<tr><td><strong>Total</strong></td><td align=\"right\"><strong>{{total}}</strong></td></tr>"   \
  "</table>"

const std::vector<EmailTemplate> kTemplates = {
    // user.registered — name, email, accountUrl
    {"welcome", "Welcome to {{shopName}}, {{name}}",
     "Hello {{name}},\n\n"
     "Welcome to {{shopName}}! Your account {{email}} is ready.\n\n"
     "Start shopping: {{shopUrl}}\n"
     "Your account:   {{accountUrl}}\n\n"
     "See you soon,\nThe {{shopName}} team\n",
     "<h1 style=\"font-size:22px\">Welcome, {{name}}!</h1>"
     "<p>Your account <strong>{{email}}</strong> is ready.</p>"
     "<p><a href=\"{{shopUrl}}\" style=\"background:#1f4fd1;color:#fff;padding:10px 18px;"
     "border-radius:4px;text-decoration:none\">Start shopping</a></p>"
     "<p><a href=\"{{accountUrl}}\">Your account</a></p>"},

    // auth.password_reset_requested — name, resetUrl, expiresInMinutes
    {"password_reset", "Reset your {{shopName}} password",
     "Hello {{name}},\n\n"
     "Someone asked to reset the password of your {{shopName}} account.\n"
     "To choose a new one, open this link within {{expiresInMinutes}} minutes:\n\n"
     "{{resetUrl}}\n\n"
     "The link works once. If you did not ask, ignore this email: your password stays as it is.\n",
     "<h1 style=\"font-size:22px\">Reset your password</h1>"
     "<p>Hello {{name}}, someone asked to reset the password of your account. To choose a new "
     "one, use this link within {{expiresInMinutes}} minutes:</p>"
     "<p><a href=\"{{resetUrl}}\" style=\"background:#1f4fd1;color:#fff;padding:10px 18px;"
     "border-radius:4px;text-decoration:none\">Choose a new password</a></p>"
     "<p style=\"color:#667\">The link works once. If you did not ask, ignore this email: your "
     "password stays as it is.</p>"},

    // order.created — number, items, subtotal, shipping, tax, total, orderUrl
    {"order_received", "We received your order {{number}}",
     "Thank you for your order {{number}}.\n\n"
     "We are waiting for the payment to be confirmed and will write again when it is.\n\n"
     UM_ORDER_TEXT_LINES
     "\nYour order: {{orderUrl}}\n",
     "<h1 style=\"font-size:22px\">Thank you for your order {{number}}</h1>"
     "<p>We are waiting for the payment to be confirmed and will write again when it is.</p>"
     UM_ORDER_HTML_LINES
     "<p><a href=\"{{orderUrl}}\">View your order</a></p>"},

    // order.paid — as order_received
    {"order_confirmation", "Order {{number}} confirmed",
     "Your payment went through: order {{number}} is confirmed.\n\n"
     UM_ORDER_TEXT_LINES
     "\nWe will let you know when it ships.\nYour order: {{orderUrl}}\n",
     "<h1 style=\"font-size:22px\">Order {{number}} is confirmed</h1>"
     "<p>Your payment went through. We will let you know when your order ships.</p>"
     UM_ORDER_HTML_LINES
     "<p><a href=\"{{orderUrl}}\">View your order</a></p>"},

    // order.shipped — number, carrier, trackingNumber, items, orderUrl
    {"order_shipped", "Order {{number}} is on its way",
     "Good news: order {{number}} has shipped.\n\n"
     "Carrier:         {{carrier}}\nTracking number: {{trackingNumber}}\n\n"
     "{{#items}}  {{quantity}} x {{name}}\n{{/items}}"
     "\nYour order: {{orderUrl}}\n",
     "<h1 style=\"font-size:22px\">Order {{number}} is on its way</h1>"
     "<p>Carrier: <strong>{{carrier}}</strong><br>Tracking number: <strong>{{trackingNumber}}</strong></p>"
     "<ul>{{#items}}<li>{{quantity}} &times; {{name}}</li>{{/items}}</ul>"
     "<p><a href=\"{{orderUrl}}\">View your order</a></p>"},

    // order.cancelled — number, reason, wasPaid, total, orderUrl
    {"order_cancelled", "Order {{number}} was cancelled",
     "Order {{number}} was cancelled{{#reason}} ({{reason}}){{/reason}}.\n\n"
     "{{#wasPaid}}Your payment of {{total}} is being refunded to the original payment method.\n\n{{/wasPaid}}"
     "{{^wasPaid}}You have not been charged.\n\n{{/wasPaid}}"
     "Your order: {{orderUrl}}\n",
     "<h1 style=\"font-size:22px\">Order {{number}} was cancelled</h1>"
     "{{#reason}}<p>Reason: {{reason}}</p>{{/reason}}"
     "{{#wasPaid}}<p>Your payment of <strong>{{total}}</strong> is being refunded to the original "
     "payment method.</p>{{/wasPaid}}"
     "{{^wasPaid}}<p>You have not been charged.</p>{{/wasPaid}}"
     "<p><a href=\"{{orderUrl}}\">View your order</a></p>"},

    // order.refunded — number, refundAmount, refundedTotal, total, orderUrl
    {"order_refunded", "Refund for order {{number}}",
     "We refunded {{refundAmount}} for order {{number}}.\n"
     "Refunded so far: {{refundedTotal}} of {{total}}.\n\n"
     "It can take a few days to show on your statement.\n\nYour order: {{orderUrl}}\n",
     "<h1 style=\"font-size:22px\">Refund for order {{number}}</h1>"
     "<p>We refunded <strong>{{refundAmount}}</strong>. Refunded so far: {{refundedTotal}} of "
     "{{total}}.</p><p>It can take a few days to show on your statement.</p>"
     "<p><a href=\"{{orderUrl}}\">View your order</a></p>"},
};

#undef UM_ORDER_TEXT_LINES
#undef UM_ORDER_HTML_LINES

}  // namespace

const std::string_view kHtmlLayout =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\"><title>{{subject}}</title></head>\n"
    "<body style=\"margin:0;background:#f4f5f8;font-family:Helvetica,Arial,sans-serif;color:#1d2433\">\n"
    "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\"><tr><td align=\"center\" style=\"padding:24px\">\n"
    "<table role=\"presentation\" width=\"600\" style=\"max-width:600px;background:#fff;border-radius:6px\">"
    "<tr><td style=\"padding:20px 28px;border-bottom:1px solid #e6e8ef\">"
    "<a href=\"{{shopUrl}}\" style=\"font-size:20px;font-weight:bold;color:#1d2433;text-decoration:none\">{{shopName}}</a>"
    "</td></tr>\n<tr><td style=\"padding:24px 28px;font-size:15px;line-height:1.5\">\n{{{content}}}\n</td></tr>\n"
    "<tr><td style=\"padding:16px 28px;font-size:12px;color:#667;border-top:1px solid #e6e8ef\">"
    "&copy; {{year}} {{shopName}} &middot; <a href=\"{{shopUrl}}\" style=\"color:#667\">{{shopUrl}}</a>"
    "</td></tr></table>\n</td></tr></table>\n</body></html>\n";

const std::vector<EmailTemplate>& emailTemplates() {
  return kTemplates;
}

const EmailTemplate& emailTemplate(std::string_view name) {
  for (const auto& t : kTemplates) {
    if (t.name == name) return t;
  }
  throw std::out_of_range("no email template '" + std::string(name) + "'");
}

}  // namespace um::notification

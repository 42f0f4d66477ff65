#include "services/order/api/order_json.hpp"

#include "services/order/domain/status_machine.hpp"

namespace um::order {

namespace {

http::Json money(std::int64_t amount, const std::string& currency) {
  return {{"amount", amount}, {"currency", currency}};
}

http::Json optional(const std::optional<std::string>& v) {
  return v ? http::Json(*v) : http::Json(nullptr);
}

// One line as an order and a quote both show it.
http::Json lineJson(const OrderLine& l, const std::string& currency) {
  return {{"productId", l.productId},
          {"variantId", l.variantId},
          {"sku", l.sku},
          {"name", l.name},
          {"unitPrice", money(l.unitPrice, currency)},
          {"quantity", l.quantity},
          {"lineTotal", money(l.lineTotal, currency)}};
}

}  // namespace

http::Json addressJson(const ShippingAddress& a) {
  return {{"name", a.name},         {"line1", a.line1},        {"line2", optional(a.line2)},
          {"city", a.city},         {"region", optional(a.region)},
          {"postalCode", optional(a.postalCode)}, {"country", a.country},
          {"phone", optional(a.phone)}};
}

http::Json orderJson(const Order& o) {
  http::Json items = http::Json::array();
  for (const auto& l : o.items) items.push_back(lineJson(l, o.currency));
  http::Json history = http::Json::array();
  for (const auto& h : o.statusHistory) {
    http::Json entry = {{"status", toString(h.status)}, {"at", h.at}};
    if (h.note) entry["note"] = *h.note;
    history.push_back(std::move(entry));
  }
  http::Json payment = {{"provider", o.payment.provider}, {"status", o.payment.status}};
  // What the buyer still has to act on, only while the order waits for payment.
  if (o.status == OrderStatus::kPendingPayment) {
    if (o.payment.clientSecret) payment["clientSecret"] = *o.payment.clientSecret;
    if (o.payment.approvalUrl) payment["approvalUrl"] = *o.payment.approvalUrl;
  }
  http::Json out = {{"id", o.id},
                    {"number", o.number},
                    {"status", toString(o.status)},
                    {"email", o.email},
                    {"items", items},
                    {"subtotal", money(o.subtotal, o.currency)},
                    {"shipping", money(o.shipping, o.currency)},
                    {"tax", money(o.tax, o.currency)},
                    {"total", money(o.total, o.currency)},
                    {"refunded", money(o.refunded, o.currency)},
                    {"shippingAddress", addressJson(o.shippingAddress)},
                    {"payment", payment},
                    {"shipment", o.shipment ? http::Json{{"carrier", o.shipment->carrier},
                                                         {"trackingNumber", o.shipment->trackingNumber}}
                                            : http::Json(nullptr)},
                    {"statusHistory", history},
                    {"createdAt", o.createdAt},
                    {"updatedAt", o.updatedAt}};
  if (o.status == OrderStatus::kPendingPayment) out["expiresAt"] = o.expiresAt;
  return out;
}

http::Json quoteJson(const Quote& q) {
  http::Json items = http::Json::array();
  std::int64_t units = 0;
  for (const auto& l : q.items) {
    items.push_back(lineJson(l, q.currency));
    units += l.quantity;
  }
  return {{"currency", q.currency},
          {"items", items},
          {"itemCount", units},
          {"subtotal", money(q.totals.subtotal, q.currency)},
          {"shipping", money(q.totals.shipping, q.currency)},
          {"tax", money(q.totals.tax, q.currency)},
          {"total", money(q.totals.total, q.currency)},
          {"taxRate", q.taxRate}};
}

http::Json pageJson(const OrderPage& page) {
  http::Json items = http::Json::array();
  for (const auto& o : page.items) items.push_back(orderJson(o));
  return {{"items", items},
          {"total", page.total},
          {"nextCursor", page.nextCursor ? http::Json(*page.nextCursor) : http::Json(nullptr)}};
}

}  // namespace um::order

#pragma once

// The order's vocabulary, free of HTTP and SQL: what was bought, what it cost, where it
// goes, how it was paid and every status it went through. Money is in minor units of
// `currency`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace um::order {

enum class OrderStatus {
  kPendingPayment,
  kPaid,
  kShipped,
  kDelivered,
  kCancelled,
  kRefunded,
  kPartiallyRefunded,
};

std::string toString(OrderStatus status);
// nullopt for anything that is not one of the contract's status names.
std::optional<OrderStatus> parseOrderStatus(const std::string& text);

struct OrderLine {
  std::string productId;
  std::string variantId;
  std::string sku;
  std::string name;
  std::int64_t unitPrice = 0;
  std::int64_t quantity = 0;
  std::int64_t lineTotal = 0;
};

struct ShippingAddress {
  std::string name;
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::optional<std::string> region;
  std::optional<std::string> postalCode;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  std::optional<std::string> phone;
};

// The order's copy of its payment's state, kept current from payment events so reading an
// order never calls the payment service.
struct PaymentSummary {
  std::string provider;  // test | stripe | paypal
  std::string status;    // none | pending | succeeded | failed | cancelled | refunded | partially_refunded
  std::optional<std::string> paymentId;
  std::optional<std::string> clientSecret;  // Stripe: for the storefront to confirm
  std::optional<std::string> approvalUrl;   // PayPal: where the buyer approves
};

struct StatusChange {
  OrderStatus status;
  std::string at;  // RFC 3339 UTC
  std::optional<std::string> note;
};

struct Shipment {
  std::string carrier;
  std::string trackingNumber;
};

struct Order {
  std::string id;
  std::string number;  // human-readable, e.g. UM-251125-7K3QXM
  std::optional<std::string> userId;  // nullopt: a guest checkout
  std::optional<std::string> cartId;  // the guest cart emptied once paid
  std::string email;
  OrderStatus status = OrderStatus::kPendingPayment;
  std::vector<OrderLine> items;
  std::string currency;
  std::int64_t subtotal = 0;
  std::int64_t shipping = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;
  std::int64_t refunded = 0;
  ShippingAddress shippingAddress;
  PaymentSummary payment;
  std::string reservationId;
  std::string expiresAt;  // unpaid past this → cancelled by the sweeper
  std::optional<Shipment> shipment;
  std::optional<std::string> pendingEffect;  // internal: work owed to other services
  std::vector<StatusChange> statusHistory;
  std::string createdAt;
  std::string updatedAt;
};

}  // namespace um::order

#pragma once

// The providers this process can use, and which of them take new payments. A provider
// switched off by its feature flag (or missing credentials) refuses new payments with 400
// provider_unavailable, yet stays reachable for payments it already holds: refunds,
// reconciliation and webhooks must keep working after a switch-off.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "services/payment/domain/payment_provider.hpp"

namespace um::payment {

class ProviderRegistry {
 public:
  void add(std::shared_ptr<PaymentProvider> provider, bool acceptsNewPayments);

  // For a new payment: throws Error 400 provider_unavailable when unknown or switched off.
  PaymentProvider& forNewPayment(const std::string& name) const;
  // For a payment that exists: throws Error 503 provider_unavailable when not configured.
  PaymentProvider& forExisting(const std::string& name) const;
  bool has(const std::string& name) const { return providers_.contains(name); }
  // The providers that take new payments, by name, in name order.
  std::vector<std::string> acceptingNewPayments() const;

 private:
  struct Entry {
    std::shared_ptr<PaymentProvider> provider;
    bool acceptsNewPayments = false;
  };
  std::map<std::string, Entry> providers_;
};

}  // namespace um::payment

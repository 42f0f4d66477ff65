#include "services/payment/domain/provider_registry.hpp"

#include "core/error.hpp"

namespace um::payment {

void ProviderRegistry::add(std::shared_ptr<PaymentProvider> provider, bool acceptsNewPayments) {
  const auto name = provider->name();
  providers_[name] = {std::move(provider), acceptsNewPayments};
}

PaymentProvider& ProviderRegistry::forNewPayment(const std::string& name) const {
  auto it = providers_.find(name);
  if (it == providers_.end() || !it->second.acceptsNewPayments) {
    throw Error(ErrorKind::kValidation, "provider_unavailable",
                "payment provider '" + name + "' is not available", "paymentProvider");
  }
  return *it->second.provider;
}

std::vector<std::string> ProviderRegistry::acceptingNewPayments() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : providers_) {
    if (entry.acceptsNewPayments) names.push_back(name);
  }
  return names;
}

PaymentProvider& ProviderRegistry::forExisting(const std::string& name) const {
  auto it = providers_.find(name);
  if (it == providers_.end()) {
    throw Error::unavailable("provider_unavailable",
                             "payment provider '" + name + "' is not configured");
  }
  return *it->second.provider;
}

}  // namespace um::payment

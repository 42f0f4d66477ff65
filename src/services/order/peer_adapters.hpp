#pragma once

// The order domain's ports (domain/ports.hpp) over the peers' client interfaces, looked up
// in the ClientRegistry at call time.

#include <memory>

#include "core/service_context.hpp"
#include "services/order/domain/ports.hpp"

namespace um::order {

std::unique_ptr<CartGateway> makeCartGateway(ClientRegistry& clients);
std::unique_ptr<CustomerDirectory> makeCustomerDirectory(ClientRegistry& clients);

}  // namespace um::order

#pragma once

#include "core/service_context.hpp"

namespace um::order {

// Wires orders: SQL store, checkout and order routes, the reactions to payment events and
// to its own order events (owed work), and the sweeper of unpaid orders.
void registerOrderService(ServiceContext& ctx);

}  // namespace um::order

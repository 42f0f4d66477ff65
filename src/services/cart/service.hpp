#pragma once

// The cart service: guest and user carts behind the key-value port, priced from the
// product service on every read. Provides cart::Client (checkout); publishes cart.updated;
// consumes user.deleted (an erased user's cart goes too).

#include "core/service_context.hpp"

namespace um::cart {

void registerCartService(ServiceContext& ctx);

}  // namespace um::cart

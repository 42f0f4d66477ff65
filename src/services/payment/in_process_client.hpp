#pragma once

// payment::Client as a direct call into this process's payment domain (all-in-one mode).

#include <memory>

#include "services/payment/client.hpp"

namespace um::payment {

class PaymentService;

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<PaymentService> payments);

}  // namespace um::payment

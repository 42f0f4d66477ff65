#pragma once

// auth::Client as a direct call into this process's auth domain (all-in-one mode, and the
// `ultramarket user create` command).

#include <memory>

#include "services/auth/client.hpp"

namespace um::auth {

class AccountService;

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<AccountService> accounts);

}  // namespace um::auth

#pragma once

// user::Client as a direct call into this process's user domain (all-in-one mode, and the
// `ultramarket user create` command).

#include <memory>

#include "services/user/client.hpp"

namespace um::user {

class UserService;

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<UserService> users);

}  // namespace um::user

#pragma once

// How other services call the user service. All-in-one: the in-process implementation
// (user/in_process_client.hpp) over the user domain; distributed mode: an HTTP one later.
// Found through ServiceContext::clients.

#include <string>

namespace um::user {

struct NewProfile {
  std::string userId;
  std::string email;
  std::string name;
  std::string role;
};

class Client {
 public:
  virtual ~Client() = default;
  // Creates the profile of a newly registered account; does nothing when it exists, so the
  // direct call and the user.registered event can both arrive.
  virtual void ensureProfile(const NewProfile& profile) = 0;
};

}  // namespace um::user

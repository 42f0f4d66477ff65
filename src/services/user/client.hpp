#pragma once

// How other services call the user service. All-in-one: the in-process implementation
// (user/in_process_client.hpp) over the user domain; distributed mode: an HTTP one later.
// Found through ServiceContext::clients.

#include <optional>
#include <string>

namespace um::user {

// A saved postal address as checkout needs it (the user service's Address without its
// bookkeeping), in the contract's field names.
struct SavedAddress {
  std::string id;
  std::string name;
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::optional<std::string> region;
  std::optional<std::string> postalCode;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  std::optional<std::string> phone;
};

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
  // One of the user's saved addresses; nullopt when there is no such address or it belongs
  // to someone else (the caller cannot tell which, so ids cannot be probed).
  virtual std::optional<SavedAddress> address(const std::string& userId,
                                              const std::string& addressId) = 0;
};

}  // namespace um::user

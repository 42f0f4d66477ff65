#pragma once

// What the user service holds: profiles (with the role and the disabled flag, which it
// owns) and postal addresses. `version` grows by one on every profile change; it orders the
// copies other services keep (auth's role/disabled).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace um::user {

struct Profile {
  std::string userId;
  std::string email;
  std::string name;
  std::optional<std::string> phone;
  std::string role = "customer";
  bool disabled = false;
  std::int64_t version = 1;
  std::string createdAt;
  std::string updatedAt;
};

struct Address {
  std::string id;
  std::string userId;
  std::string name;
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::optional<std::string> region;
  std::optional<std::string> postalCode;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  std::optional<std::string> phone;
  std::string createdAt;
  std::string updatedAt;
};

// A create or a partial update of an address. Outer nullopt: not sent (keep); inner
// nullopt: sent as null (clear, for the optional fields).
struct AddressPatch {
  std::optional<std::optional<std::string>> name, line1, line2, city, region, postalCode,
      country, phone;
};

struct ProfilePatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> phone;
};

struct ProfilePage {
  std::vector<Profile> items;
  std::int64_t total = 0;
  std::optional<std::string> nextCursor;
};

}  // namespace um::user

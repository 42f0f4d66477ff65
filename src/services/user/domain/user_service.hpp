#pragma once

// The user workflows: profiles, addresses, GDPR export and erasure, and the admin's view
// (search, disable, role change). The role and the disabled flag live here; each change is
// pushed to auth at once (auth::Client::syncAccount) and also published as user.updated,
// so auth converges even if the direct call was lost.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "services/user/client.hpp"
#include "services/user/domain/profile.hpp"
#include "services/user/store/user_store.hpp"

namespace um::auth {
class Client;
}

namespace um::user {

inline constexpr std::int64_t kMaxAddressesPerUser = 20;

class UserService {
 public:
  UserService(UserStore& store, const Clock& clock, std::function<auth::Client*()> authClient);

  void ensureProfile(const NewProfile& profile);
  Profile profile(const std::string& userId);
  Profile updateProfile(const std::string& userId, const ProfilePatch& patch);

  std::vector<Address> addresses(const std::string& userId);
  // nullopt also for another user's address.
  std::optional<Address> findAddress(const std::string& userId, const std::string& addressId);
  Address addAddress(const std::string& userId, const AddressPatch& fields);
  Address updateAddress(const std::string& userId, const std::string& addressId,
                        const AddressPatch& patch);
  void deleteAddress(const std::string& userId, const std::string& addressId);

  nlohmann::json exportData(const std::string& userId);
  void erase(const std::string& userId);

  ProfilePage search(const std::optional<std::string>& query, int limit,
                     const std::optional<std::string>& cursor);
  Profile adminUpdate(const std::string& actorId, const std::string& userId,
                      const std::optional<std::string>& role, const std::optional<bool>& disabled);

 private:
  // Reads, applies `change`, writes with the version read, retrying a lost race.
  Profile modifyProfile(const std::string& userId, const std::function<void(Profile&)>& change);
  auth::Client* authClient() const;

  UserStore& store_;
  const Clock& clock_;
  std::function<auth::Client*()> authClient_;
};

nlohmann::json profileJson(const Profile& profile, bool withAdminFields = false);
nlohmann::json addressJson(const Address& address);

}  // namespace um::user

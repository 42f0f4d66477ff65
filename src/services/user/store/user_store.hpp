#pragma once

// Persistence of profiles and addresses. Profile changes use optimistic concurrency (the
// caller passes the version it read) and carry their event into the outbox in the same
// transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/user/domain/profile.hpp"

namespace um::user {

struct OutboxEvent {
  std::string type;
  nlohmann::json payload;
};

class UserStore {
 public:
  virtual ~UserStore() = default;

  // False when a profile with this id exists already.
  virtual bool createProfile(const Profile& profile) = 0;
  virtual std::optional<Profile> findProfile(const std::string& userId) = 0;
  // Writes `profile` (whose version is the new one) if the stored version is still
  // `expectedVersion`; false when someone else changed it first.
  virtual bool saveProfile(const Profile& profile, std::int64_t expectedVersion,
                           const OutboxEvent& event) = 0;
  // Removes the profile and its addresses and appends `event`; false when there was none.
  virtual bool eraseProfile(const std::string& userId, const OutboxEvent& event) = 0;
  // Filter on email or name containing `query` (case-insensitive), ordered by id, after
  // the id `cursor`.
  virtual ProfilePage searchProfiles(const std::optional<std::string>& query, int limit,
                                     const std::optional<std::string>& cursor) = 0;

  virtual std::vector<Address> listAddresses(const std::string& userId) = 0;
  virtual std::optional<Address> findAddress(const std::string& userId,
                                             const std::string& addressId) = 0;
  // False when the user already has `maxPerUser` addresses.
  virtual bool insertAddress(const Address& address, std::int64_t maxPerUser) = 0;
  virtual bool updateAddress(const Address& address) = 0;
  virtual bool deleteAddress(const std::string& userId, const std::string& addressId) = 0;
};

}  // namespace um::user

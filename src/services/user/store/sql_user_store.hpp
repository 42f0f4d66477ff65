#pragma once

// UserStore on the relational port (SQLite or PostgreSQL, the same portable SQL).

#include "adapters/sql/database.hpp"
#include "services/user/store/user_store.hpp"

namespace um::user {

class SqlUserStore final : public UserStore {
 public:
  explicit SqlUserStore(sql::Database& db) : db_(db) {}

  bool createProfile(const Profile& profile) override;
  std::optional<Profile> findProfile(const std::string& userId) override;
  bool saveProfile(const Profile& profile, std::int64_t expectedVersion,
                   const OutboxEvent& event) override;
  bool eraseProfile(const std::string& userId, const OutboxEvent& event) override;
  ProfilePage searchProfiles(const std::optional<std::string>& query, int limit,
                             const std::optional<std::string>& cursor) override;
  std::vector<Address> listAddresses(const std::string& userId) override;
  std::optional<Address> findAddress(const std::string& userId,
                                     const std::string& addressId) override;
  bool insertAddress(const Address& address, std::int64_t maxPerUser) override;
  bool updateAddress(const Address& address) override;
  bool deleteAddress(const std::string& userId, const std::string& addressId) override;

 private:
  sql::Database& db_;
};

}  // namespace um::user

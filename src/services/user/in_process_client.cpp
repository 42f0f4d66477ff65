#include "services/user/in_process_client.hpp"

#include "services/user/domain/user_service.hpp"

namespace um::user {

namespace {

class InProcessClient final : public Client {
 public:
  explicit InProcessClient(std::shared_ptr<UserService> users) : users_(std::move(users)) {}
  void ensureProfile(const NewProfile& profile) override { users_->ensureProfile(profile); }

  std::optional<SavedAddress> address(const std::string& userId,
                                      const std::string& addressId) override {
    const auto a = users_->findAddress(userId, addressId);
    if (!a) return std::nullopt;
    return SavedAddress{a->id,     a->name,       a->line1,   a->line2, a->city,
                        a->region, a->postalCode, a->country, a->phone};
  }

 private:
  std::shared_ptr<UserService> users_;
};

}  // namespace

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<UserService> users) {
  return std::make_shared<InProcessClient>(std::move(users));
}

}  // namespace um::user

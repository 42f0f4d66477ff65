#include "services/user/in_process_client.hpp"

#include "services/user/domain/user_service.hpp"

namespace um::user {

namespace {

class InProcessClient final : public Client {
 public:
  explicit InProcessClient(std::shared_ptr<UserService> users) : users_(std::move(users)) {}
  void ensureProfile(const NewProfile& profile) override { users_->ensureProfile(profile); }

 private:
  std::shared_ptr<UserService> users_;
};

}  // namespace

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<UserService> users) {
  return std::make_shared<InProcessClient>(std::move(users));
}

}  // namespace um::user

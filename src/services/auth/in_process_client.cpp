#include "services/auth/in_process_client.hpp"

#include "services/auth/domain/account_service.hpp"

namespace um::auth {

namespace {

class InProcessClient final : public Client {
 public:
  explicit InProcessClient(std::shared_ptr<AccountService> accounts)
      : accounts_(std::move(accounts)) {}
  void syncAccount(const AccountUpdate& update) override { accounts_->syncAccount(update); }
  void deleteAccount(const std::string& userId) override { accounts_->deleteAccount(userId); }
  nlohmann::json exportAccount(const std::string& userId) override {
    return accounts_->exportAccount(userId);
  }

 private:
  std::shared_ptr<AccountService> accounts_;
};

}  // namespace

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<AccountService> accounts) {
  return std::make_shared<InProcessClient>(std::move(accounts));
}

}  // namespace um::auth

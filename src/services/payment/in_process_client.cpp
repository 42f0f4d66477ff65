#include "services/payment/in_process_client.hpp"

#include "services/payment/domain/payment_service.hpp"

namespace um::payment {

namespace {

class InProcessClient final : public Client {
 public:
  explicit InProcessClient(std::shared_ptr<PaymentService> payments)
      : payments_(std::move(payments)) {}

  void checkMethod(const std::string& provider, const PaymentMethod& method) override {
    payments_->checkMethod(provider, method);
  }
  PaymentState create(const CreatePayment& request) override { return payments_->create(request); }
  std::optional<PaymentState> forOrder(const std::string& orderId) override {
    return payments_->forOrder(orderId);
  }
  std::optional<PaymentState> cancel(const std::string& orderId) override {
    return payments_->cancel(orderId);
  }
  RefundOutcome refund(const std::string& orderId, std::int64_t amount,
                       const std::string& idempotencyKey) override {
    return payments_->refund(orderId, amount, idempotencyKey);
  }

 private:
  std::shared_ptr<PaymentService> payments_;
};

}  // namespace

std::shared_ptr<Client> makeInProcessClient(std::shared_ptr<PaymentService> payments) {
  return std::make_shared<InProcessClient>(std::move(payments));
}

}  // namespace um::payment

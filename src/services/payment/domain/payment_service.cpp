#include "services/payment/domain/payment_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"

namespace um::payment {

namespace {

using PS = PaymentStatus;

bool captured(PaymentStatus s) {
  return s == PS::kSucceeded || s == PS::kPartiallyRefunded || s == PS::kRefunded;
}

std::optional<std::string> lastFour(const std::optional<std::string>& card) {
  if (!card || card->size() < 4) return std::nullopt;
  return card->substr(card->size() - 4);
}

}  // namespace

PaymentService::PaymentService(PaymentStore& store, const ProviderRegistry& providers,
                               const Clock& clock, PaymentServiceOptions options)
    : store_(store), providers_(providers), clock_(clock), options_(std::move(options)) {}

std::string PaymentService::now() const { return formatRfc3339(clock_.now()); }

PaymentState PaymentService::stateOf(const Payment& p) {
  PaymentState s;
  s.id = p.id;
  s.orderId = p.orderId;
  s.provider = p.provider;
  s.status = toString(p.status);
  s.amount = p.amount;
  s.currency = p.currency;
  s.refunded = p.refunded;
  // What the buyer still needs to act on, and only while there is something to act on.
  if (p.status == PS::kPending) {
    s.clientSecret = p.clientSecret;
    s.approvalUrl = p.approvalUrl;
  }
  s.failureCode = p.failureCode;
  return s;
}

nlohmann::json PaymentService::eventPayload(const Payment& p) const {
  return {{"paymentId", p.id},       {"orderId", p.orderId},   {"provider", p.provider},
          {"amount", p.amount},      {"currency", p.currency}, {"status", toString(p.status)},
          {"refunded", p.refunded}};
}

ChargeSpec PaymentService::specOf(const Payment& p) const {
  ChargeSpec spec;
  spec.idempotencyKey = p.idempotencyKey;
  spec.paymentId = p.id;
  spec.orderId = p.orderId;
  spec.orderNumber = p.orderNumber;
  spec.amount = p.amount;
  spec.currency = p.currency;
  spec.email = p.email;
  spec.stripePaymentMethod = p.stripePaymentMethod;
  return spec;
}

void PaymentService::checkMethod(const std::string& provider, const PaymentMethod& method) const {
  auto& p = providers_.forNewPayment(provider);
  ChargeSpec spec;
  spec.stripePaymentMethod = method.stripePaymentMethod;
  spec.testCard = method.testCard;
  p.validate(spec);
}

Payment PaymentService::reload(const std::string& paymentId) {
  auto p = store_.find(paymentId);
  if (!p) throw Error(ErrorKind::kInternal, "internal", "payment vanished");
  return *p;
}

PaymentState PaymentService::create(const CreatePayment& request) {
  checkMethod(request.provider, request.method);
  if (request.amount <= 0) throw Error::validation("amount", "a payment needs a positive amount");

  Payment p;
  p.id = newId();
  p.orderId = request.orderId;
  p.orderNumber = request.orderNumber;
  p.provider = request.provider;
  p.amount = request.amount;
  p.currency = request.currency;
  p.email = request.email;
  p.idempotencyKey = "um-pay-" + p.id;
  p.stripePaymentMethod = request.method.stripePaymentMethod;
  p.cardLast4 = lastFour(request.method.testCard);
  p.createdAt = p.updatedAt = now();
  // The UNIQUE order_id makes this the one payment of the order, even when two checkout
  // attempts race: the loser continues with the winner's payment.
  if (!store_.insert(p)) {
    auto existing = store_.findByOrder(request.orderId);
    if (!existing) throw Error(ErrorKind::kInternal, "internal", "payment insert lost");
    p = *existing;
  }

  ChargeSpec confirmWith = specOf(p);
  confirmWith.testCard = request.method.testCard;
  return stateOf(advance(p, confirmWith));
}

Payment PaymentService::advance(Payment p, const std::optional<ChargeSpec>& confirmWith) {
  if (p.status != PS::kPending) return p;
  auto& provider = providers_.forExisting(p.provider);
  const bool payNow = confirmWith && !p.cancelRequested && provider.confirmable(*confirmWith);
  if (!p.providerPaymentId && payNow) {
    // Created and paid in one call where the provider offers it. Nothing is recorded in
    // between: a crash after the call leaves the payment pending without the provider's id,
    // and the reconciler's create() with the same key finds the paid object.
    ChargeSpec spec = *confirmWith;
    spec.idempotencyKey = p.idempotencyKey + "-confirm";
    if (const auto seen = provider.createConfirmed(specOf(p), spec)) {
      if (seen->status == ProviderStatus::kSucceeded && options_.afterCapture) options_.afterCapture();
      if (seen->status != ProviderStatus::kSucceeded && seen->status != ProviderStatus::kFailed) {
        // Still waiting (a 3-D Secure step, say): the buyer's next step needs the object.
        store_.recordProviderObject(p.id, seen->id, seen->clientSecret, seen->approvalUrl, now());
        p.providerPaymentId = seen->id;
        p.clientSecret = seen->clientSecret;
        p.approvalUrl = seen->approvalUrl;
      }
      return learn(p, *seen);
    }
  }
  if (!p.providerPaymentId) {
    // Same key as any earlier attempt: a create that reached the provider before a crash
    // or a timeout returns the object it made then.
    const auto made = provider.create(specOf(p));
    store_.recordProviderObject(p.id, made.id, made.clientSecret, made.approvalUrl, now());
    p.providerPaymentId = made.id;
    p.clientSecret = made.clientSecret;
    p.approvalUrl = made.approvalUrl;
    p = learn(p, made);
    if (p.status != PS::kPending) return p;
  }
  if (payNow) {
    ChargeSpec spec = *confirmWith;
    spec.idempotencyKey = p.idempotencyKey + "-confirm";
    const auto seen = provider.confirm(*p.providerPaymentId, spec);
    if (seen.status == ProviderStatus::kSucceeded && options_.afterCapture) options_.afterCapture();
    p = learn(p, seen);
  }
  return p;
}

Payment PaymentService::learn(const Payment& p, const ProviderPayment& seen) {
  StatusChange change;
  change.paymentId = p.id;
  change.at = now();
  change.captureId = seen.captureId;
  change.cardLast4 = seen.cardLast4;
  if (!p.providerPaymentId && !seen.id.empty()) change.providerPaymentId = seen.id;
  switch (seen.status) {
    case ProviderStatus::kSucceeded: {
      change.from = {PS::kPending, PS::kFailed};
      change.to = PS::kSucceeded;
      Payment after = p;
      after.status = PS::kSucceeded;
      change.event = OutboxEvent{"payment.succeeded", eventPayload(after)};
      auto changed = store_.changeStatus(change);
      if (changed) {
        log::info("payment succeeded", {{"paymentId", p.id}, {"orderId", p.orderId},
                                        {"provider", p.provider}});
      }
      const Payment now = changed ? *changed : reload(p.id);
      if (!(now.cancelRequested && captured(now.status))) return now;
      refundRemainder(now);
      return reload(p.id);
    }
    case ProviderStatus::kFailed: {
      change.from = {PS::kPending};
      change.to = PS::kFailed;
      change.failureCode = seen.failureCode.value_or("payment_failed");
      change.failureMessage = seen.failureMessage;
      Payment after = p;
      after.status = PS::kFailed;
      auto payload = eventPayload(after);
      payload["failureCode"] = *change.failureCode;
      change.event = OutboxEvent{"payment.failed", payload};
      if (auto changed = store_.changeStatus(change)) return *changed;
      return reload(p.id);
    }
    case ProviderStatus::kCancelled: {
      change.from = {PS::kPending};
      change.to = PS::kCancelled;
      Payment after = p;
      after.status = PS::kCancelled;
      change.event = OutboxEvent{"payment.cancelled", eventPayload(after)};
      if (auto changed = store_.changeStatus(change)) return *changed;
      return reload(p.id);
    }
    case ProviderStatus::kApproved: {
      if (p.status != PS::kPending || !p.providerPaymentId) return p;
      auto& provider = providers_.forExisting(p.provider);
      if (p.cancelRequested) {
        // Approved by the buyer but the order is gone: never capture it.
        return learn(p, provider.cancel(*p.providerPaymentId, p.idempotencyKey + "-cancel"));
      }
      const auto after = provider.capture(*p.providerPaymentId, p.idempotencyKey + "-capture");
      if (after.status == ProviderStatus::kSucceeded && options_.afterCapture) {
        options_.afterCapture();
      }
      if (after.status == ProviderStatus::kApproved) return p;  // not captured yet; ask later
      return learn(p, after);
    }
    case ProviderStatus::kRequiresAction:
    case ProviderStatus::kProcessing:
      return p;
  }
  return p;
}

std::optional<PaymentState> PaymentService::forOrder(const std::string& orderId) {
  auto p = store_.findByOrder(orderId);
  if (!p) return std::nullopt;
  return stateOf(*p);
}

std::optional<PaymentState> PaymentService::cancel(const std::string& orderId) {
  auto found = store_.findByOrder(orderId);
  if (!found) return std::nullopt;
  Payment p = *found;
  // Durable first: a success that arrives later (webhook, reconciler) is refunded.
  if (!p.cancelRequested) store_.requestCancel(p.id, now());
  p.cancelRequested = true;

  if (p.status == PS::kPending) {
    auto& provider = providers_.forExisting(p.provider);
    if (!p.providerPaymentId) {
      // The create may have reached the provider before we could record it; the same key
      // finds that object (or makes an uncaptured one), which is then voided.
      const auto made = provider.create(specOf(p));
      store_.recordProviderObject(p.id, made.id, made.clientSecret, made.approvalUrl, now());
      p.providerPaymentId = made.id;
    }
    p = learn(p, provider.cancel(*p.providerPaymentId, p.idempotencyKey + "-cancel"));
    if (p.status == PS::kPending) {
      // Still waiting for the buyer (e.g. PayPal before approval): nothing was captured,
      // and cancelRequested keeps it from ever being captured by us.
      ProviderPayment voided;
      voided.id = *p.providerPaymentId;
      voided.status = ProviderStatus::kCancelled;
      p = learn(p, voided);
    }
  } else if (captured(p.status)) {
    refundRemainder(p);
    p = reload(p.id);
  }
  return stateOf(p);
}

void PaymentService::refundRemainder(const Payment& p) {
  // One key per payment: however many paths ask for the cancellation refund, there is one,
  // and a path that finds it in flight drives it to its end too (same provider key), so
  // every caller returns with the refund done.
  constexpr const char* kKey = "order-cancelled";
  if (auto existing = store_.findRefundByKey(p.id + ":" + kKey)) {
    if (existing->status == RefundStatus::kPending) executeRefund(p, *existing);
    return;
  }
  const std::int64_t remaining = p.amount - p.refundReserved;
  if (remaining <= 0) return;
  refund(p.orderId, remaining, kKey);
}

RefundOutcome PaymentService::refund(const std::string& orderId, std::int64_t amount,
                                     const std::string& idempotencyKey) {
  auto p = store_.findByOrder(orderId);
  if (!p) throw Error::conflict("payment_not_captured", "the order has no payment");
  if (amount <= 0) throw Error::validation("amount", "a refund needs a positive amount");
  Refund r;
  r.id = newId();
  r.paymentId = p->id;
  r.idempotencyKey = p->id + ":" + idempotencyKey;
  r.amount = amount;
  r.createdAt = r.updatedAt = now();
  Refund existing;
  switch (store_.reserveRefund(r, existing)) {
    case PaymentStore::ReserveOutcome::kReserved:
      break;
    case PaymentStore::ReserveOutcome::kExisting:
      if (existing.status != RefundStatus::kPending) {
        return {existing.id, existing.amount, toString(existing.status), stateOf(reload(p->id))};
      }
      r = existing;  // in flight or interrupted: ask the provider again with the same key
      break;
    case PaymentStore::ReserveOutcome::kExceeds:
      throw Error::conflict("refund_exceeds_payment",
                            "the refund is more than what is left to refund");
    case PaymentStore::ReserveOutcome::kNotCaptured:
      throw Error::conflict("payment_not_captured", "the payment has not captured any money");
  }
  return executeRefund(reload(p->id), r);
}

RefundOutcome PaymentService::executeRefund(const Payment& p, Refund r) {
  auto& provider = providers_.forExisting(p.provider);
  RefundSpec spec;
  spec.idempotencyKey = "um-refund-" + r.id;
  spec.refundId = r.id;
  spec.providerPaymentId = p.providerPaymentId.value_or("");
  spec.captureId = p.captureId;
  spec.amount = r.amount;
  spec.currency = p.currency;
  const auto result = provider.refund(spec);  // throws: stays pending, the reconciler retries
  if (result.status == "succeeded" || result.status == "failed") {
    store_.completeRefund({r.id, result.id, result.status == "succeeded", now()});
  } else if (!result.id.empty()) {
    store_.recordProviderRefundId(r.id, result.id, now());
  }
  const auto stored = store_.findRefund(r.id);
  const auto status = stored ? stored->status : RefundStatus::kPending;
  if (status == RefundStatus::kFailed) {
    throw Error::unavailable("refund_failed", "the payment provider refused the refund" +
                                                  (result.failureCode ? " (" + *result.failureCode + ")"
                                                                      : std::string()));
  }
  log::info("refund", {{"paymentId", p.id}, {"refundId", r.id}, {"amount", r.amount},
                       {"status", toString(status)}});
  return {r.id, r.amount, toString(status), stateOf(reload(p.id))};
}

void PaymentService::handleWebhook(const std::string& providerName, const WebhookDelivery& delivery) {
  auto& provider = providers_.forExisting(providerName);
  const auto event = provider.parseWebhook(delivery);  // verifies; throws 400
  if (store_.webhookSeen(providerName, event.id)) {
    log::info("webhook replay ignored", {{"provider", providerName}, {"eventId", event.id}});
    return;
  }
  if (event.kind != WebhookEvent::Kind::kIgnored) {
    std::optional<Payment> p;
    if (event.ourPaymentId) p = store_.find(*event.ourPaymentId);
    if (!p && !event.providerPaymentId.empty()) {
      p = store_.findByProviderId(providerName, event.providerPaymentId);
    }
    if (!p && event.ourRefundId) {
      if (auto r = store_.findRefund(*event.ourRefundId)) p = store_.find(r->paymentId);
    }
    if (!p) {
      log::warn("webhook for an unknown payment",
                {{"provider", providerName}, {"eventId", event.id}, {"type", event.type}});
    } else {
      ProviderPayment seen;
      seen.id = event.providerPaymentId;
      seen.captureId = event.captureId;
      seen.failureCode = event.failureCode;
      switch (event.kind) {
        case WebhookEvent::Kind::kSucceeded: seen.status = ProviderStatus::kSucceeded; break;
        case WebhookEvent::Kind::kFailed: seen.status = ProviderStatus::kFailed; break;
        case WebhookEvent::Kind::kCancelled: seen.status = ProviderStatus::kCancelled; break;
        case WebhookEvent::Kind::kApproved: seen.status = ProviderStatus::kApproved; break;
        case WebhookEvent::Kind::kRefunded:
        case WebhookEvent::Kind::kIgnored: break;
      }
      if (event.kind == WebhookEvent::Kind::kRefunded) {
        applyRefundEvent(*p, event);
      } else {
        learn(*p, seen);
      }
    }
  }
  store_.recordWebhook(providerName, event.id);
  log::info("webhook processed", {{"provider", providerName}, {"eventId", event.id},
                                  {"type", event.type}});
}

void PaymentService::applyRefundEvent(Payment p, const WebhookEvent& event) {
  if (!captured(p.status)) {
    // A refund means the money was captured, whatever order the events arrive in.
    ProviderPayment seen;
    seen.id = event.providerPaymentId;
    seen.status = ProviderStatus::kSucceeded;
    seen.captureId = event.captureId;
    p = learn(p, seen);
  }
  std::optional<Refund> known;
  if (event.ourRefundId) known = store_.findRefund(*event.ourRefundId);
  if (!known && event.providerRefundId) known = store_.findRefundByProviderId(*event.providerRefundId);
  if (known && known->status == RefundStatus::kPending) {
    store_.completeRefund({known->id, event.providerRefundId, true, now()});
  }
  p = reload(p.id);
  // Refunds not made through us (the provider's dashboard). With a running total (Stripe's
  // amount_refunded) count only what our own refunds, finished or in flight, do not
  // explain, so a webhook racing our refund call is never counted twice.
  std::int64_t amount = 0;
  if (event.amountRefundedTotal >= 0) {
    amount = event.amountRefundedTotal - p.refundReserved;
  } else if (!known) {
    amount = event.refundAmount;
  }
  if (amount <= 0) return;
  Refund r;
  r.id = newId();
  r.paymentId = p.id;
  r.idempotencyKey = "external:" + (known ? event.id : event.providerRefundId.value_or(event.id));
  r.amount = amount;
  r.status = RefundStatus::kSucceeded;
  r.providerRefundId = known ? std::nullopt : event.providerRefundId;
  r.createdAt = r.updatedAt = now();
  store_.recordExternalRefund(r);
}

int PaymentService::reconcile() {
  const std::string before = formatRfc3339(clock_.now() - options_.reconcileAfter);
  int changed = 0;
  for (const auto& p : store_.stalePending(before, 50)) {
    try {
      Payment after = p;
      if (p.cancelRequested) {
        cancel(p.orderId);
        after = reload(p.id);
      } else if (!p.providerPaymentId) {
        after = advance(p, std::nullopt);
      } else {
        after = learn(p, providers_.forExisting(p.provider).retrieve(*p.providerPaymentId));
      }
      if (after.status != p.status) {
        ++changed;
        log::info("payment reconciled", {{"paymentId", p.id}, {"orderId", p.orderId},
                                         {"status", toString(after.status)}});
      }
    } catch (const std::exception& e) {
      log::warn("payment reconciliation failed", {{"paymentId", p.id}, {"error", e.what()}});
    }
  }
  for (const auto& r : store_.stalePendingRefunds(before, 50)) {
    try {
      const auto p = reload(r.paymentId);
      const auto out = executeRefund(p, r);
      if (out.status != "pending") ++changed;
    } catch (const std::exception& e) {
      log::warn("refund reconciliation failed", {{"refundId", r.id}, {"error", e.what()}});
    }
  }
  return changed;
}

PaymentService::PaymentPage PaymentService::list(const std::optional<std::string>& orderId,
                                                 const std::optional<std::string>& cursor, int limit) {
  PaymentPage page;
  page.items = store_.list(orderId, cursor, limit + 1);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.nextCursor = page.items.back().id;
  }
  page.total = store_.count(orderId);
  return page;
}

std::vector<Refund> PaymentService::refundsOf(const std::string& paymentId) {
  return store_.refundsOf(paymentId);
}

}  // namespace um::payment

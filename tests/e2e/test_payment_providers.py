"""The Stripe and PayPal adapters end to end: a real `ultramarket serve` talks HTTP to
local fakes that follow each provider's documented API (tests/fakes/), on SQLite and
PostgreSQL. Covers server-side and browser confirmation, declines, cancellation, refunds,
signed webhooks (valid, forged, stale, replayed), reconciliation without webhooks, and the
feature flags."""
import json
import pathlib
import sys
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from checkout_helpers import (add_to_cart, admin_token, category, checkout, customer, history,
                              make_product, stock_of, usd, wait_for, wait_for_status)
from conftest import Api, ServerProcess, assert_error, stores

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fakes"))
import paypal_fake  # noqa: E402
import stripe_fake  # noqa: E402

STRIPE_KEY = "sk_test_providers"
STRIPE_WEBHOOK_SECRET = "whsec_providers"
PAYPAL_WEBHOOK_ID = "WH-PROVIDERS"


@pytest.fixture(scope="module")
def stripe():
    fake = stripe_fake.StripeFake(STRIPE_KEY).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def paypal():
    fake = paypal_fake.PaypalFake("pp-client", "pp-secret", PAYPAL_WEBHOOK_ID).start()
    yield fake
    fake.stop()


def provider_env(stripe, paypal, **extra):
    env = {"STRIPE_SECRET_KEY": STRIPE_KEY, "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
           "STRIPE_API_BASE": stripe.url, "PAYPAL_CLIENT_ID": "pp-client",
           "PAYPAL_CLIENT_SECRET": "pp-secret", "PAYPAL_API_BASE": paypal.url,
           "PAYPAL_WEBHOOK_ID": PAYPAL_WEBHOOK_ID, "STRIPE_PUBLISHABLE_KEY": "pk_test_providers"}
    env.update(extra)
    return env


@pytest.fixture(scope="module", params=stores())
def server(request, stripe, paypal):
    # Reconciliation is slowed down here so that only webhooks move payments along.
    s = ServerProcess(request.param, extra_env=provider_env(stripe, paypal,
                                                            PAYMENT_RECONCILE_AFTER="1h")).start()
    yield s
    s.stop()


def post(url):
    urllib.request.urlopen(urllib.request.Request(url, method="POST", data=b""))


def fake_state(fake):
    with urllib.request.urlopen(f"{fake.url}/_fake/state") as r:
        return json.loads(r.read())


def stripe_webhook(api, payload, secret=STRIPE_WEBHOOK_SECRET, timestamp=None, signature=None):
    raw = json.dumps(payload).encode()
    sig = signature if signature is not None else stripe_fake.sign_webhook(raw, secret, timestamp)
    headers = {"Content-Type": "application/json"}
    if sig:
        headers["Stripe-Signature"] = sig
    return api.request("POST", "/v2/payments/webhooks/stripe", raw=raw, headers=headers)


def paypal_webhook(api, payload, webhook_id=PAYPAL_WEBHOOK_ID, when=None):
    raw = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    headers.update(paypal_fake.sign_webhook(payload, webhook_id, when))
    return api.request("POST", "/v2/payments/webhooks/paypal", raw=raw, headers=headers)


def intent_of(stripe, order_id):
    intent = stripe.intent_for_order(order_id)
    assert intent, f"no PaymentIntent for {order_id}"
    return intent


def new_cart(api, admin, cat, stock=5, price=3000, quantity=1):
    p = make_product(api, admin, cat, stock=stock, price=price)
    token, _ = customer(api)
    add_to_cart(api, p, quantity, token=token)
    return token, p


# --- Stripe -----------------------------------------------------------------------------------

def test_stripe_server_side_confirmation_pays_at_once(api, admin, cat, stripe):
    token, p = new_cart(api, admin, cat, stock=3)
    r = checkout(api, token=token, provider="stripe", method={"stripePaymentMethod": "pm_card_visa"})
    assert r.status == 201, r
    o = r.json
    assert o["status"] == "paid" and o["payment"] == {"provider": "stripe", "status": "succeeded"}
    intent = intent_of(stripe, o["id"])
    assert intent["status"] == "succeeded" and intent["amount"] == o["total"]["amount"]
    assert intent["currency"] == "usd" and intent["metadata"]["order_number"] == o["number"]
    assert intent["confirmations"] == 1
    assert stock_of(api, p) == 2
    posts = [req for req in fake_state(stripe)["requests"] if req[0] == "POST"]
    assert posts and all(req[2] for req in posts), "every POST carries an Idempotency-Key"


def test_the_checkouts_trace_reaches_stripe_and_the_log(server, api, admin, cat, stripe):
    token, _ = new_cart(api, admin, cat, stock=3)
    trace_id = uuid.uuid4().hex
    parent = f"00-{trace_id}-{uuid.uuid4().hex[:16]}-01"
    before = len(fake_state(stripe)["traceparents"])
    r = checkout(api, token=token, provider="stripe", method={"stripePaymentMethod": "pm_card_visa"},
                 extra_headers={"traceparent": parent})
    assert r.status == 201, r
    sent = fake_state(stripe)["traceparents"][before:]
    assert sent and all(t and t.startswith(f"00-{trace_id}-") and t != parent for t in sent), sent
    request_line = wait_for(lambda: [line for line in server.logs().splitlines()
                                     if '"msg":"request"' in line and trace_id in line], 10)
    assert request_line and '"route":"/v2/orders"' in request_line[0], request_line


def test_stripe_decline_cancels_and_releases(api, admin, cat, stripe):
    token, p = new_cart(api, admin, cat, stock=2, quantity=2)
    r = checkout(api, token=token, provider="stripe",
                 method={"stripePaymentMethod": "pm_card_chargeDeclined"})
    assert r.status == 201, r
    assert r.json["status"] == "cancelled" and r.json["payment"]["status"] in ("failed", "cancelled")
    assert stock_of(api, p) == 2
    pays = api.get(f"/v2/admin/payments?orderId={r.json['id']}", token=admin).json["items"]
    assert pays[0]["failureCode"] == "generic_decline"


def test_stripe_card_numbers_are_refused(api, admin, cat):
    token, _ = new_cart(api, admin, cat)
    r = checkout(api, token=token, provider="stripe", card="4242424242424242")
    assert_error(r, 400, field="paymentMethod.testCard")


def test_stripe_browser_confirmation_completes_by_webhook(api, admin, cat, stripe):
    token, p = new_cart(api, admin, cat, stock=4)
    r = checkout(api, token=token, provider="stripe", card=None)
    assert r.status == 201, r
    o = r.json
    assert o["status"] == "pending_payment" and o["payment"]["status"] == "pending"
    intent = intent_of(stripe, o["id"])
    assert o["payment"]["clientSecret"] == intent["client_secret"]
    assert "expiresAt" in o
    assert stock_of(api, p) == 3  # held while the buyer pays

    post(f"{stripe.url}/_fake/intents/{intent['id']}/succeed")
    paid_intent = intent_of(stripe, o["id"])
    evt = stripe_fake.event("payment_intent.succeeded", paid_intent)
    assert stripe_webhook(api, evt).status == 200
    paid = wait_for_status(api, o["id"], "paid", token)
    assert "clientSecret" not in paid["payment"]
    assert stripe_webhook(api, evt).status == 200  # a replay is acknowledged and ignored
    assert history(api.get(f"/v2/orders/{o['id']}", token=token).json) == ["pending_payment", "paid"]
    assert api.get("/v2/cart", token=token).json["items"] == []


def test_items_added_while_paying_stay_in_the_cart(api, admin, cat, stripe):
    # The cart is emptied only once the payment succeeds, which with browser confirmation
    # is later: what the shopper added meanwhile must survive, and only the ordered units go.
    token, p = new_cart(api, admin, cat, stock=10, quantity=2)
    r = checkout(api, token=token, provider="stripe", card=None)
    assert r.status == 201 and r.json["status"] == "pending_payment", r
    o = r.json
    other = make_product(api, admin, cat, stock=5, price=700)
    add_to_cart(api, p, 1, token=token)       # more of what was ordered
    add_to_cart(api, other, 3, token=token)   # and something new

    post(f"{stripe.url}/_fake/intents/{intent_of(stripe, o['id'])['id']}/succeed")
    evt = stripe_fake.event("payment_intent.succeeded", intent_of(stripe, o["id"]))
    assert stripe_webhook(api, evt).status == 200
    wait_for_status(api, o["id"], "paid", token)

    def cart_settled():
        items = api.get("/v2/cart", token=token).json["items"]
        return items if sum(i["quantity"] for i in items) == 4 else None
    items = wait_for(cart_settled, 10)
    assert items, api.get("/v2/cart", token=token)
    assert {i["productId"]: i["quantity"] for i in items} == {p["id"]: 1, other["id"]: 3}
    # The success delivered again removes nothing more.
    assert stripe_webhook(api, stripe_fake.event("payment_intent.succeeded",
                                                 intent_of(stripe, o["id"]))).status == 200
    assert {i["productId"]: i["quantity"]
            for i in api.get("/v2/cart", token=token).json["items"]} == {p["id"]: 1, other["id"]: 3}


def test_a_pending_order_cannot_be_shipped_delivered_or_refunded(api, admin, cat, stripe):
    token, _ = new_cart(api, admin, cat)
    o = checkout(api, token=token, provider="stripe", card=None).json
    assert o["status"] == "pending_payment"
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "UPS", "trackingNumber": "1"},
                          token=admin), 409, "invalid_transition")
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/deliver", token=admin), 409, "invalid_transition")
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin), 409, "invalid_transition")
    assert api.get(f"/v2/orders/{o['id']}", token=token).json["status"] == "pending_payment"


def test_forged_stale_or_unsigned_stripe_webhooks_are_400_and_change_nothing(api, admin, cat, stripe):
    token, _ = new_cart(api, admin, cat)
    o = checkout(api, token=token, provider="stripe", card=None).json
    intent = intent_of(stripe, o["id"])
    post(f"{stripe.url}/_fake/intents/{intent['id']}/succeed")
    evt = stripe_fake.event("payment_intent.succeeded", intent_of(stripe, o["id"]))

    assert_error(stripe_webhook(api, evt, secret="whsec_forged"), 400, "invalid_signature")
    assert_error(stripe_webhook(api, evt, timestamp=time.time() - 600), 400, "invalid_signature")
    assert_error(stripe_webhook(api, evt, signature=""), 400, "invalid_signature")
    raw = json.dumps(evt).encode()
    good = stripe_fake.sign_webhook(raw, STRIPE_WEBHOOK_SECRET)
    tampered = json.dumps(dict(evt, type="payment_intent.payment_failed")).encode()
    r = api.request("POST", "/v2/payments/webhooks/stripe", raw=tampered,
                    headers={"Content-Type": "application/json", "Stripe-Signature": good})
    assert_error(r, 400, "invalid_signature")
    time.sleep(0.5)
    assert api.get(f"/v2/orders/{o['id']}", token=token).json["status"] == "pending_payment"
    # The genuine delivery still counts: the forged ones did not burn its event id.
    assert stripe_webhook(api, evt).status == 200
    wait_for_status(api, o["id"], "paid", token)


def test_cancelling_a_pending_stripe_order_cancels_the_intent(api, admin, cat, stripe):
    token, p = new_cart(api, admin, cat, stock=2)
    o = checkout(api, token=token, provider="stripe", card=None).json
    assert stock_of(api, p) == 1
    r = api.post(f"/v2/orders/{o['id']}/cancel", token=token)
    assert r.status == 200 and r.json["status"] == "cancelled", r
    assert intent_of(stripe, o["id"])["status"] == "canceled"
    assert stock_of(api, p) == 2
    assert r.json["payment"]["status"] == "cancelled"


def test_a_stripe_success_after_the_order_was_cancelled_is_refunded(api, admin, cat, stripe):
    token, _ = new_cart(api, admin, cat)
    o = checkout(api, token=token, provider="stripe", card=None).json
    intent = intent_of(stripe, o["id"])
    post(f"{stripe.url}/_fake/intents/{intent['id']}/succeed")  # paid in the browser …
    r = api.post(f"/v2/orders/{o['id']}/cancel", token=token)   # … as the buyer cancels
    assert r.status == 200 and r.json["status"] == "cancelled"
    got = wait_for(lambda: api.get(f"/v2/orders/{o['id']}", token=token).json["payment"]["status"]
                   == "refunded", 10)
    assert got
    refunds = [x for x in fake_state(stripe)["refunds"].values() if x["payment_intent"] == intent["id"]]
    assert len(refunds) == 1 and refunds[0]["amount"] == o["total"]["amount"]


def test_stripe_refunds_and_their_webhooks_are_counted_once(api, admin, cat, stripe):
    token, _ = new_cart(api, admin, cat, price=5000)
    o = checkout(api, token=token, provider="stripe",
                 method={"stripePaymentMethod": "pm_card_visa"}).json
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 1200}, token=admin)
    assert r.status == 200 and r.json["status"] == "partially_refunded", r
    intent = intent_of(stripe, o["id"])
    refunds = [x for x in fake_state(stripe)["refunds"].values() if x["payment_intent"] == intent["id"]]
    assert len(refunds) == 1 and refunds[0]["amount"] == 1200 and refunds[0]["metadata"]["refund_id"]
    charge = stripe.charge(intent["latest_charge"])
    assert stripe_webhook(api, stripe_fake.event("charge.refunded", charge)).status == 200
    time.sleep(0.5)
    after = api.get(f"/v2/orders/{o['id']}", token=token).json
    assert after["refunded"] == usd(1200) and after["status"] == "partially_refunded"


def test_a_refund_made_on_the_stripe_dashboard_reaches_the_order(api, admin, cat, stripe):
    token, _ = new_cart(api, admin, cat, price=2000)
    o = checkout(api, token=token, provider="stripe",
                 method={"stripePaymentMethod": "pm_card_visa"}).json
    intent = intent_of(stripe, o["id"])
    req = urllib.request.Request(f"{stripe.url}/_fake/intents/{intent['id']}/dashboard-refund",
                                 method="POST", data=b"amount=700",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    urllib.request.urlopen(req)
    charge = stripe.charge(intent["latest_charge"])
    assert stripe_webhook(api, stripe_fake.event("charge.refunded", charge)).status == 200
    got = wait_for_status(api, o["id"], "partially_refunded", token)
    assert got["refunded"] == usd(700)


def test_a_stripe_outage_at_checkout_is_503_and_holds_nothing(api, admin, cat, stripe):
    token, p = new_cart(api, admin, cat, stock=2)
    post(f"{stripe.url}/_fake/fail-next?count=1")
    r = api.post("/v2/orders", {"shippingAddress": {"name": "A", "line1": "1 St", "city": "X",
                                                    "country": "US"},
                                "paymentProvider": "stripe"},
                 token=token, headers={"Idempotency-Key": str(uuid.uuid4())})
    # The order is cancelled at once (its payment voided) and the buyer told to retry.
    assert_error(r, 503, "payment_provider_unavailable")
    assert wait_for(lambda: stock_of(api, p) == 2, 10)
    mine = api.get("/v2/orders", token=token).json["items"]
    assert [o["status"] for o in mine] == ["cancelled"]


# --- PayPal -----------------------------------------------------------------------------------

def paypal_order(api, admin, cat, paypal, price=2599):
    token, p = new_cart(api, admin, cat, price=price)
    r = checkout(api, token=token, provider="paypal", card=None)
    assert r.status == 201, r
    o = r.json
    assert o["status"] == "pending_payment"
    pp = paypal.order_for(o["id"])
    assert pp, "no PayPal order"
    assert o["payment"]["approvalUrl"].endswith(pp["id"])
    assert pp["purchase_units"][0]["amount"]["value"] == f"{o['total']['amount'] / 100:.2f}"
    return token, p, o, pp


def test_paypal_pays_after_approval_via_the_approved_webhook(api, admin, cat, paypal):
    token, p, o, pp = paypal_order(api, admin, cat, paypal)
    paypal.approve(pp["id"])
    evt = paypal_fake.webhook_event("CHECKOUT.ORDER.APPROVED", paypal.order(pp["id"]))
    assert paypal_webhook(api, evt).status == 200
    paid = wait_for_status(api, o["id"], "paid", token)
    assert paid["payment"]["status"] == "succeeded"
    assert paypal.order(pp["id"])["status"] == "COMPLETED"
    assert paypal_webhook(api, evt).status == 200  # replay: nothing more happens
    state = fake_state(paypal)
    captures = [r for r in state["requests"] if r[1].endswith(f"/{pp['id']}/capture")]
    assert len(captures) == 1 and captures[0][2], "one capture, with a PayPal-Request-Id"
    assert history(api.get(f"/v2/orders/{o['id']}", token=token).json) == ["pending_payment", "paid"]


def test_forged_or_stale_paypal_webhooks_are_400(api, admin, cat, paypal):
    token, _, o, pp = paypal_order(api, admin, cat, paypal)
    paypal.approve(pp["id"])
    evt = paypal_fake.webhook_event("CHECKOUT.ORDER.APPROVED", paypal.order(pp["id"]))
    assert_error(paypal_webhook(api, evt, webhook_id="WH-SOMEONE-ELSE"), 400, "invalid_signature")
    stale = datetime.now(timezone.utc) - timedelta(minutes=10)
    assert_error(paypal_webhook(api, evt, when=stale), 400, "invalid_signature")
    r = api.request("POST", "/v2/payments/webhooks/paypal", raw=json.dumps(evt).encode(),
                    headers={"Content-Type": "application/json"})
    assert_error(r, 400, "invalid_signature")
    time.sleep(0.3)
    assert api.get(f"/v2/orders/{o['id']}", token=token).json["status"] == "pending_payment"
    assert paypal.order(pp["id"])["status"] == "APPROVED"  # nothing was captured


def test_paypal_refunds_go_against_the_capture_once(api, admin, cat, paypal):
    token, _, o, pp = paypal_order(api, admin, cat, paypal, price=4000)
    paypal.approve(pp["id"])
    assert paypal_webhook(api, paypal_fake.webhook_event(
        "CHECKOUT.ORDER.APPROVED", paypal.order(pp["id"]))).status == 200
    wait_for_status(api, o["id"], "paid", token)
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 1500}, token=admin)
    assert r.status == 200 and r.json["status"] == "partially_refunded", r
    refunds = list(fake_state(paypal)["refunds"].values())
    mine = [x for x in refunds if x["amount"]["value"] == "15.00" and x["custom_id"]]
    assert mine
    evt = paypal_fake.webhook_event("PAYMENT.CAPTURE.REFUNDED", mine[-1])
    assert paypal_webhook(api, evt).status == 200
    time.sleep(0.3)
    assert api.get(f"/v2/orders/{o['id']}", token=token).json["refunded"] == usd(1500)
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", token=admin)
    assert r.json["status"] == "refunded" and r.json["refunded"] == o["total"]


# --- reconciliation and flags (their own servers) ---------------------------------------------

@pytest.fixture(scope="module", params=stores())
def reconciling(request, stripe, paypal):
    s = ServerProcess(request.param, extra_env=provider_env(stripe, paypal,
                                                            PAYMENT_RECONCILE_AFTER="1s")).start()
    yield s
    s.stop()


def test_the_reconciler_finishes_payments_whose_webhooks_were_lost(reconciling, stripe, paypal):
    api = Api(reconciling.url)
    admin = admin_token(reconciling, api)
    cat = category(api, admin)

    token, _ = new_cart(api, admin, cat)
    o = checkout(api, token=token, provider="stripe", card=None).json
    post(f"{stripe.url}/_fake/intents/{intent_of(stripe, o['id'])['id']}/succeed")
    wait_for_status(api, o["id"], "paid", token, timeout=20)

    token2, _ = new_cart(api, admin, cat)
    o2 = checkout(api, token=token2, provider="paypal", card=None).json
    paypal.approve(paypal.order_for(o2["id"])["id"])
    wait_for_status(api, o2["id"], "paid", token2, timeout=20)
    assert paypal.order_for(o2["id"])["status"] == "COMPLETED"


def test_unpaid_orders_expire_and_give_their_stock_back(stripe, paypal):
    s = ServerProcess(stores()[0], extra_env=provider_env(
        stripe, paypal, ORDER_RESERVATION_TTL="2s", PAYMENT_RECONCILE_AFTER="1h")).start()
    try:
        api = Api(s.url)
        admin = admin_token(s, api)
        token, p = new_cart(api, admin, category(api, admin), stock=3)
        o = checkout(api, token=token, provider="stripe", card=None).json
        assert stock_of(api, p) == 2
        done = wait_for_status(api, o["id"], "cancelled", token, timeout=30)
        assert done["statusHistory"][-1]["note"] == "not paid in time"
        # The status changes first; the owed work (release, void) follows right after.
        assert wait_for(lambda: stock_of(api, p) == 3, 10)
        assert wait_for(lambda: intent_of(stripe, o["id"])["status"] == "canceled", 10)
    finally:
        s.stop()


def test_feature_flags_switch_providers_off(stripe, paypal):
    s = ServerProcess(stores()[0], extra_env=provider_env(
        stripe, paypal, FEATURE_PAYMENT_GATEWAY_STRIPE="false",
        FEATURE_PAYMENT_GATEWAY_PAYPAL="0")).start()
    try:
        api = Api(s.url)
        admin = admin_token(s, api)
        token, _ = new_cart(api, admin, category(api, admin))
        assert_error(checkout(api, token=token, provider="stripe", card=None), 400, "provider_unavailable")
        assert_error(checkout(api, token=token, provider="paypal", card=None), 400, "provider_unavailable")
        assert checkout(api, token=token).status == 201  # the test provider still works
        assert api.get("/v2/payments/config").json["providers"] == ["test"]
    finally:
        s.stop()


def test_the_storefront_learns_which_providers_take_payments(api):
    r = api.get("/v2/payments/config")
    assert r.status == 200, r
    assert r.json == {"providers": ["paypal", "stripe", "test"],
                      "stripePublishableKey": "pk_test_providers"}
    assert "max-age" in r.headers.get("Cache-Control", "")


def test_production_never_offers_the_test_card(stripe, paypal):
    s = ServerProcess(stores()[0], extra_env=provider_env(
        stripe, paypal, NODE_ENV="production", JWT_SECRET="p" * 40,
        REFRESH_TOKEN_SECRET="r" * 40)).start()
    try:
        api = Api(s.url)
        assert api.get("/v2/payments/config").json["providers"] == ["paypal", "stripe"]
        admin = admin_token(s, api)
        token, _ = new_cart(api, admin, category(api, admin))
        assert_error(checkout(api, token=token), 400, "provider_unavailable")
        assert checkout(api, token=token, provider="stripe", card=None).status == 201
    finally:
        s.stop()

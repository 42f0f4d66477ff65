"""The checkout invariants of design.md, each tried hard to break, on SQLite and (with
UM_TEST_DATABASE_URL) PostgreSQL:

- never oversell: 40 buyers racing for 10 units;
- never charge twice: one Idempotency-Key sent by 10 concurrent requests;
- a paid order is never lost: the process SIGKILLed between the provider's success and
  the order update (test-only fault injection, UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE=1);
- webhooks delivered twice, concurrently, or out of order are processed once and correctly.
"""
import collections
import json
import sys
import pathlib
import threading
import uuid

import pytest

from checkout_helpers import (add_to_cart, admin_token, category, checkout, customer, history,
                              killed_by_sigkill, make_product, restart, stock_of, wait_for,
                              wait_for_status)
from conftest import Api, ServerProcess, stores

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fakes"))
from stripe_fake import StripeFake, event, sign_webhook  # noqa: E402

WEBHOOK_SECRET = "whsec_invariants"


def race(n, work):
    """Runs work(i) on n threads released at once; returns the results in order."""
    results = [None] * n
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def outcome(reply):
    if reply.status in (200, 201):
        return reply.status, reply.json["status"]
    return reply.status, reply.json["error"]["code"]


def test_forty_buyers_racing_for_ten_units_never_oversell(api, admin, cat):
    p = make_product(api, admin, cat, stock=10, price=990)
    buyers = [customer(api)[0] for _ in range(40)]
    for token in buyers:
        add_to_cart(api, p, 1, token=token)

    results = race(40, lambda i: checkout(api, token=buyers[i]))

    counts = collections.Counter(outcome(r) for r in results)
    assert counts == {(201, "paid"): 10, (409, "insufficient_stock"): 30}, counts
    assert stock_of(api, p) == 0
    paid = [r.json for r in results if r.status == 201]
    assert len({o["id"] for o in paid}) == 10
    for o in paid:
        pays = api.get(f"/v2/admin/payments?orderId={o['id']}", token=admin).json
        assert pays["total"] == 1 and pays["items"][0]["status"] == "succeeded"
    # The losers' carts are intact and nothing of theirs is held.
    loser = buyers[[i for i, r in enumerate(results) if r.status == 409][0]]
    assert api.get("/v2/cart", token=loser).json["items"]


def test_one_key_from_ten_concurrent_requests_makes_one_order_and_one_charge(api, admin, cat):
    p = make_product(api, admin, cat, stock=5)
    token, _ = customer(api)
    add_to_cart(api, p, 2, token=token)
    key = str(uuid.uuid4())

    results = race(10, lambda i: checkout(api, token=token, key=key))

    assert all(r.status in (200, 201) for r in results), results
    assert [r.status for r in results].count(201) == 1
    ids = {r.json["id"] for r in results}
    assert len(ids) == 1
    order_id = ids.pop()
    assert wait_for_status(api, order_id, "paid", token)
    pays = api.get(f"/v2/admin/payments?orderId={order_id}", token=admin).json
    assert pays["total"] == 1 and pays["items"][0]["status"] == "succeeded"
    assert api.get("/v2/orders", token=token).json["total"] == 1
    assert stock_of(api, p) == 3


@pytest.mark.parametrize("store", stores())
def test_killed_between_capture_and_record_the_order_ends_paid_exactly_once(store):
    first = ServerProcess(store, extra_env={"UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE": "1",
                                            "PAYMENT_RECONCILE_AFTER": "1s"}).start()
    api = Api(first.url)
    admin = admin_token(first, api)
    p = make_product(api, admin, category(api, admin), stock=5)
    token, email = customer(api)
    add_to_cart(api, p, 2, token=token)
    key = str(uuid.uuid4())

    with pytest.raises(Exception):  # the connection dies with the process
        checkout(api, token=token, key=key)
    assert killed_by_sigkill(first.proc), first.logs()
    first.stop()

    second = restart(first, drop_env=["UM_FAULT_CRASH_AFTER_PAYMENT_CAPTURE"])
    try:
        api = Api(second.url)
        # Nobody retries: the reconciler alone finds the captured payment and records it.
        def the_order():
            r = api.get(f"/v2/admin/orders?q={email}", token=admin)
            return r.json["items"][0] if r.status == 200 and r.json["items"] else None
        order = wait_for(the_order, 30)
        assert order, second.logs()
        paid = wait_for_status(api, order["id"], "paid", token, timeout=30)
        assert history(paid).count("paid") == 1
        pays = api.get(f"/v2/admin/payments?orderId={order['id']}", token=admin).json
        assert pays["total"] == 1 and pays["items"][0]["status"] == "succeeded"
        assert stock_of(api, p) == 3  # committed once
        assert wait_for(lambda: api.get("/v2/cart", token=token).json["items"] == [], 10)
        # The client's retry with its key gets that same order, still paid once.
        again = checkout(api, token=token, key=key)
        assert again.status == 200 and again.json["id"] == order["id"], again
        assert history(again.json).count("paid") == 1
        assert api.get(f"/v2/admin/payments?orderId={order['id']}", token=admin).json["total"] == 1
        assert api.get("/v2/orders", token=token).json["total"] == 1
    finally:
        second.stop()


# --- webhooks ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stripe():
    fake = StripeFake("sk_test_invariants").start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module", params=stores())
def stripe_server(request, stripe):
    s = ServerProcess(request.param, extra_env={
        "STRIPE_SECRET_KEY": "sk_test_invariants", "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": stripe.url, "PAYMENT_RECONCILE_AFTER": "1h"}).start()
    yield s
    s.stop()


def post_webhook(api, payload):
    raw = json.dumps(payload).encode()
    return api.request("POST", "/v2/payments/webhooks/stripe", raw=raw, headers={
        "Content-Type": "application/json", "Stripe-Signature": sign_webhook(raw, WEBHOOK_SECRET)})


def stripe_order(api, admin, stripe):
    """A Stripe order waiting for the browser to confirm: (token, order, intent)."""
    p = make_product(api, admin, category(api, admin), stock=5, price=4000)
    token, _ = customer(api)
    add_to_cart(api, p, 1, token=token)
    r = checkout(api, token=token, provider="stripe", card=None)
    assert r.status == 201, r
    assert r.json["status"] == "pending_payment" and r.json["payment"]["clientSecret"]
    return token, r.json, stripe.intent_for_order(r.json["id"])


def succeed_at_stripe(stripe, intent_id):
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(
        f"{stripe.url}/_fake/intents/{intent_id}/succeed", method="POST", data=b""))
    with stripe.state.lock:
        return json.loads(json.dumps(stripe.state.intents[intent_id]))


def test_a_webhook_delivered_twice_and_concurrently_is_processed_once(stripe_server, stripe):
    api = Api(stripe_server.url)
    admin = admin_token(stripe_server, api)
    token, order, intent = stripe_order(api, admin, stripe)
    succeeded = event("payment_intent.succeeded", succeed_at_stripe(stripe, intent["id"]))

    replies = race(6, lambda i: post_webhook(api, succeeded))
    assert all(r.status == 200 for r in replies), replies
    assert post_webhook(api, succeeded).status == 200  # and once more, later

    paid = wait_for_status(api, order["id"], "paid", token)
    assert history(paid) == ["pending_payment", "paid"]
    pays = api.get(f"/v2/admin/payments?orderId={order['id']}", token=admin).json["items"]
    assert len(pays) == 1 and pays[0]["status"] == "succeeded"


def test_webhooks_out_of_order_end_in_the_right_state(stripe_server, stripe):
    api = Api(stripe_server.url)
    admin = admin_token(stripe_server, api)
    token, order, intent = stripe_order(api, admin, stripe)
    paid_intent = succeed_at_stripe(stripe, intent["id"])
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(
        f"{stripe.url}/_fake/intents/{intent['id']}/dashboard-refund", method="POST", data=b""))
    charge = stripe.charge(paid_intent["latest_charge"])
    failed_before = dict(paid_intent, status="requires_payment_method",
                         last_payment_error={"code": "card_declined", "decline_code": "generic_decline"})

    # Reversed: the refund first, then the success, then a stale failure from an earlier try.
    assert post_webhook(api, event("charge.refunded", charge)).status == 200
    assert post_webhook(api, event("payment_intent.succeeded", paid_intent)).status == 200
    assert post_webhook(api, event("payment_intent.payment_failed", failed_before)).status == 200

    done = wait_for_status(api, order["id"], "refunded", token)
    assert history(done) == ["pending_payment", "paid", "refunded"]
    assert done["refunded"]["amount"] == order["total"]["amount"]
    pays = api.get(f"/v2/admin/payments?orderId={order['id']}", token=admin).json["items"]
    assert pays[0]["status"] == "refunded" and len(pays[0]["refunds"]) == 1


def test_a_failure_after_a_success_changes_nothing(stripe_server, stripe):
    api = Api(stripe_server.url)
    admin = admin_token(stripe_server, api)
    token, order, intent = stripe_order(api, admin, stripe)
    paid_intent = succeed_at_stripe(stripe, intent["id"])
    assert post_webhook(api, event("payment_intent.succeeded", paid_intent)).status == 200
    wait_for_status(api, order["id"], "paid", token)
    failed = dict(paid_intent, status="requires_payment_method",
                  last_payment_error={"code": "card_declined"})
    assert post_webhook(api, event("payment_intent.payment_failed", failed)).status == 200
    again = api.get(f"/v2/orders/{order['id']}", token=token).json
    assert again["status"] == "paid" and history(again) == ["pending_payment", "paid"]

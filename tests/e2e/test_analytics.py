"""The analytics service end to end: behaviour events (validated, accepted at once, written
in batches), every domain event from the bus, and GET /v2/admin/analytics/summary checked
against a scripted day of trading whose right answers are worked out by hand below; the
business gauges on /metrics; FEATURE_ANALYTICS=false. On SQLite and, when
UM_TEST_DATABASE_URL is set, PostgreSQL."""
import datetime
import re
import time
import uuid

import pytest

from checkout_helpers import (DECLINED_CARD, add_to_cart, admin_token, category, checkout,
                              customer, make_product, wait_for_status)
from conftest import Api, ServerProcess, assert_error, stores
from notification_helpers import wait_until

ENV = {"SHIPPING_FLAT_RATE": "0", "TAX_DEFAULT_RATE": "0"}


@pytest.fixture(scope="module", params=stores())
def server(request):
    s = ServerProcess(request.param, extra_env=ENV).start()
    yield s
    s.stop()


def line_name(product):
    """How an order line names a product: "Product — Variant"."""
    return f"{product['name']} — {product['variants'][0]['name']}"


def today():
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


# --- POST /v2/analytics/events ----------------------------------------------------------------

def test_behaviour_events_are_accepted_at_once(api):
    r = api.post("/v2/analytics/events", {"type": "page_view", "sessionId": "s-accept",
                                          "properties": {"path": "/"}})
    assert r.status == 202, r
    token, _ = customer(api)
    r = api.post("/v2/analytics/events", {"type": "product_view", "sessionId": "s-accept",
                                          "productId": "p-1"}, token=token)
    assert r.status == 202, r


@pytest.mark.parametrize("body, field", [
    ({"sessionId": "s1"}, "type"),
    ({"type": "pageview", "sessionId": "s1"}, "type"),
    ({"type": 7, "sessionId": "s1"}, "type"),
    ({"type": "page_view"}, "sessionId"),
    ({"type": "page_view", "sessionId": ""}, "sessionId"),
    ({"type": "page_view", "sessionId": "x" * 129}, "sessionId"),
    ({"type": "product_view", "sessionId": "s1"}, "productId"),
    ({"type": "add_to_cart", "sessionId": "s1", "productId": 5}, "productId"),
    ({"type": "page_view", "sessionId": "s1", "properties": [1, 2]}, "properties"),
    ({"type": "page_view", "sessionId": "s1", "properties": {"x": "y" * 5000}}, "properties"),
    ({"type": "page_view", "sessionId": "s1", "referrer": "x"}, "referrer"),
])
def test_bad_behaviour_events_are_refused_naming_the_field(api, body, field):
    assert_error(api.post("/v2/analytics/events", body), 400, field=field)


def test_a_body_that_is_not_json_is_refused(api):
    r = api.request("POST", "/v2/analytics/events", raw=b"type=page_view",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 415, r
    r = api.request("POST", "/v2/analytics/events", raw=b"{not json",
                    headers={"Content-Type": "application/json"})
    assert r.status == 400, r


def test_a_burst_is_accepted_quickly_and_every_event_lands(server, api):
    admin = admin_token(server, api)
    tag = uuid.uuid4().hex[:8]
    # The admin's registration reaches analytics through the outbox a moment later: settle first.
    settled = []

    def stable():
        settled.append(summary(api, admin)["activeUsers"])
        time.sleep(0.5)
        return len(settled) >= 2 and settled[-1] == settled[-2]
    assert wait_until(stable, timeout=10)
    before = settled[-1]
    started = time.time()
    for i in range(400):
        r = api.post("/v2/analytics/events", {"type": "page_view", "sessionId": f"burst-{tag}-{i % 40}"})
        assert r.status == 202, r
    elapsed = time.time() - started
    assert elapsed < 30, f"400 events took {elapsed:.1f}s"
    # 40 new anonymous sessions become active once their batch is written.
    assert wait_until(lambda: summary(api, admin)["activeUsers"] == before + 40, timeout=15), \
        summary(api, admin)


# --- GET /v2/admin/analytics/summary --------------------------------------------------------

def summary(api, token, query=""):
    r = api.get(f"/v2/admin/analytics/summary{query}", token=token)
    assert r.status == 200, r
    return r.json


def test_the_summary_is_for_admins_and_validates_its_window(server, api):
    token, _ = customer(api)
    assert_error(api.get("/v2/admin/analytics/summary", token=token), 403)
    assert_error(api.get("/v2/admin/analytics/summary"), 401)
    admin = admin_token(server, api)
    assert_error(api.get("/v2/admin/analytics/summary?from=last-week", token=admin), 400, field="from")
    assert_error(api.get("/v2/admin/analytics/summary?to=2026-02-30T99:00:00Z", token=admin), 400, field="to")
    assert_error(api.get("/v2/admin/analytics/summary?from=2026-02-01&to=2026-01-01", token=admin),
                 400, field="from")
    past = summary(api, admin, "?from=2020-01-01&to=2020-01-31")
    assert past["orders"] == 0 and past["revenue"] == {"amount": 0, "currency": "USD"}
    assert [d["date"] for d in past["series"]][:2] == ["2020-01-01", "2020-01-02"]
    assert len(past["series"]) == 31 and all(d["orders"] == 0 for d in past["series"])


@pytest.fixture(scope="module")
def scenario_server(request):
    """A fresh server for the scripted day, so nothing else shows in its figures."""
    s = ServerProcess(stores()[-1], extra_env=ENV).start()
    yield s
    s.stop()


def test_the_summary_matches_a_scripted_day_worked_out_by_hand(scenario_server):
    api = Api(scenario_server.url)
    admin = admin_token(scenario_server, api)           # actor 1: the admin (registered today)
    cat = category(api, admin)
    lamp = make_product(api, admin, cat, stock=20, price=1000)
    desk = make_product(api, admin, cat, stock=20, price=2500)

    ann, _ = customer(api)                               # actors 2-4: three customers
    bob, _ = customer(api)
    cid, _ = customer(api)
    for session in ("anon-1", "anon-2"):                 # actors 5-6: two anonymous visitors
        assert api.post("/v2/analytics/events", {"type": "page_view", "sessionId": session}).status == 202
    # A signed-in view is Ann again, not a new actor.
    assert api.post("/v2/analytics/events", {"type": "product_view", "sessionId": "ann-s",
                                             "productId": lamp["id"]}, token=ann).status == 202

    # Cart 1, order 1: Ann buys 2 lamps = 2000, paid.
    add_to_cart(api, lamp, 2, token=ann)
    o1 = checkout(api, token=ann).json
    # Ann shops again below: wait until the order service has emptied her paid cart.
    assert wait_until(lambda: api.get("/v2/cart", token=ann).json["items"] == [])
    # Cart 2, order 2: Bob buys 1 desk = 2500, paid.
    add_to_cart(api, desk, 1, token=bob)
    o2 = checkout(api, token=bob).json
    # Cart 3, order 3: Cid's card is declined: a failed payment, an order never paid.
    add_to_cart(api, lamp, 1, token=cid)
    o3 = checkout(api, token=cid, card=DECLINED_CARD).json
    # Cart 4: a guest fills a cart and leaves.
    add_to_cart(api, desk, 1)
    # Cart 5, order 4: Ann comes back for 2 desks = 5000, paid; 1000 of it refunded.
    add_to_cart(api, desk, 2, token=ann)
    o4 = checkout(api, token=ann).json
    assert [o1["status"], o2["status"], o4["status"]] == ["paid"] * 3
    wait_for_status(api, o3["id"], "cancelled", cid)
    r = api.post(f"/v2/admin/orders/{o4['id']}/refund", {"amount": 1000}, token=admin)
    assert r.status == 200, r

    expected = {
        "activeUsers": 6,                     # admin, Ann, Bob, Cid, anon-1, anon-2
        "orders": 3,                          # paid: o1, o2, o4
        "revenue": {"amount": 2000 + 2500 + 5000 - 1000, "currency": "USD"},
        "averageOrderValue": {"amount": 3167, "currency": "USD"},   # 9500 / 3 = 3166.67
        "orderCompletionRate": 0.75,          # 3 of 4 orders created were paid
        "paymentSuccessRate": 0.75,           # 3 succeeded, 1 failed
        "cartAbandonmentRate": 0.4,           # 1 - 3 paid orders / 5 carts
        "topProducts": [
            {"productId": desk["id"], "name": line_name(desk), "units": 3,
             "revenue": {"amount": 7500, "currency": "USD"}},
            {"productId": lamp["id"], "name": line_name(lamp), "units": 2,
             "revenue": {"amount": 2000, "currency": "USD"}},
        ],
        "series": [{"date": today(), "orders": 3, "revenue": {"amount": 8500, "currency": "USD"}}],
    }
    day = f"?from={today()}&to={today()}"

    def figures():
        got = summary(api, admin, day)
        return {k: got[k] for k in expected}
    assert wait_until(lambda: figures() == expected, timeout=20), (figures(), expected)

    # The default window (the last 30 days) holds the same day, among 30 or 31 dates.
    default = summary(api, admin)
    assert {k: default[k] for k in expected if k != "series"} == \
           {k: expected[k] for k in expected if k != "series"}
    assert len(default["series"]) in (30, 31)
    assert sum(d["orders"] for d in default["series"]) == 3
    assert sum(d["revenue"]["amount"] for d in default["series"]) == 8500

    # The same rates as Prometheus gauges over the last 24 hours.
    def gauges():
        text = api.get("/metrics").body.decode()
        values = {}
        for name in ("active_users", "order_completion_rate", "payment_success_rate",
                     "cart_abandonment_rate"):
            m = re.search(rf'^ultramarket_{name}{{window="24h"}} (\S+)$', text, re.M)
            values[name] = float(m.group(1)) if m else None
        return values
    want = {"active_users": 6, "order_completion_rate": 0.75, "payment_success_rate": 0.75,
            "cart_abandonment_rate": 0.4}
    assert wait_until(lambda: gauges() == want, timeout=45), gauges()


# --- FEATURE_ANALYTICS=false ------------------------------------------------------------------

def test_analytics_can_be_turned_off_cleanly():
    s = ServerProcess(stores()[0], extra_env={**ENV, "FEATURE_ANALYTICS": "false"}).start()
    try:
        api = Api(s.url)
        assert_error(api.post("/v2/analytics/events", {"type": "page_view", "sessionId": "s"}),
                     404, "feature_disabled")
        admin = admin_token(s, api)
        assert_error(api.get("/v2/admin/analytics/summary", token=admin), 404, "feature_disabled")
        assert "ultramarket_active_users" not in api.get("/metrics").body.decode()
        # The shop itself is untouched: a customer still buys.
        token, _ = customer(api)
        p = make_product(api, admin, category(api, admin), stock=2)
        add_to_cart(api, p, 1, token=token)
        assert checkout(api, token=token).json["status"] == "paid"
        assert api.get("/ready").status == 200
    finally:
        s.stop()

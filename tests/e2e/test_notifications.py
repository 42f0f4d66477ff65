"""The notification service end to end: domain events (registration, order placed, paid,
shipped, cancelled, refunded) become emails from templates, through each email adapter and
its real counterpart — the mailbox folder, a real SMTP server (Mailpit, started by the test
command: UM_TEST_SMTP_URL / UM_TEST_MAILPIT_URL) and the SendGrid fake — with delivery
records, retries with backoff, dead letters and exactly-once sending when events are
delivered again. On SQLite and, when UM_TEST_DATABASE_URL is set, PostgreSQL."""
import pathlib
import re
import sqlite3
import sys
import time
import uuid

import pytest

from checkout_helpers import (DECLINED_CARD, add_to_cart, admin_token, category, checkout,
                              customer, make_product, restart, wait_for_status)
from conftest import Api, ServerProcess, assert_error, stores
from notification_helpers import (mailbox_messages, mailpit_messages, mailpit_url,
                                  sendgrid_messages, smtp_url, wait_until, with_subject)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fakes"))
from sendgrid_fake import SendGridFake  # noqa: E402

PUBLIC_URL = "https://shop.example.com"
BASE_ENV = {"PUBLIC_URL": PUBLIC_URL, "SHIPPING_FLAT_RATE": "0", "TAX_DEFAULT_RATE": "0",
            "NOTIFICATION_RETRY_BASE": "1s", "NOTIFICATION_RETRY_MAX": "2s"}
DELIVERY_FIELDS = {"id", "channel", "template", "subject", "status", "createdAt", "sentAt"}


def start(store, **env):
    return ServerProcess(store, extra_env={**BASE_ENV, **env}).start()


def paid_order(api, admin, token=None, price=1250, quantity=2):
    """A customer's (or a new customer's) paid order: (token, email, order)."""
    email = None
    if token is None:
        token, email = customer(api)
    p = make_product(api, admin, category(api, admin), stock=10, price=price)
    add_to_cart(api, p, quantity, token=token)
    r = checkout(api, token=token)
    assert r.status == 201 and r.json["status"] == "paid", r
    return token, email, r.json


def deliveries(api, token, **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    r = api.get(f"/v2/notifications?{qs}", token=token)
    assert r.status == 200, r
    return r.json


def sent_templates(api, token, want):
    """Waits until every template in `want` has a sent delivery for the caller."""
    def check():
        items = deliveries(api, token, limit=100)["items"]
        sent = {d["template"] for d in items if d["status"] == "sent"}
        return items if set(want) <= sent else None
    got = wait_until(check)
    assert got, deliveries(api, token, limit=100)
    return got


# --- mailbox (the embedded adapter) -----------------------------------------------------------

@pytest.fixture(scope="module", params=stores())
def server(request):
    s = start(request.param)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def admin(server, api):
    return admin_token(server, api)


def test_a_paid_order_sends_its_confirmation_to_the_mailbox(server, api, admin):
    token, email, order = paid_order(api, admin)
    sent_templates(api, token, ["welcome", "order_received", "order_confirmation"])
    mails = wait_until(lambda: with_subject(mailbox_messages(server, email), "confirmed"))
    assert len(mails) == 1, mails
    mail = mails[0]
    assert mail["subject"] == f"Order {order['number']} confirmed"
    assert "no-reply@ultramarket.local" in mail["from"]
    # Variables filled in both parts, links on PUBLIC_URL.
    assert order["number"] in mail["text"] and "$25.00" in mail["text"]
    assert f"{PUBLIC_URL}/account/orders/{order['id']}" in mail["text"]
    assert f'href="{PUBLIC_URL}/account/orders/{order["id"]}"' in mail["html"]
    assert "{{" not in mail["text"] and "{{" not in mail["html"]
    welcome = wait_until(lambda: with_subject(mailbox_messages(server, email), "Welcome"))
    assert welcome and f"{PUBLIC_URL}/account" in welcome[0]["text"]


def test_customers_see_their_own_deliveries_only(server, api, admin):
    token, _, order = paid_order(api, admin)
    items = sent_templates(api, token, ["order_confirmation"])
    for d in items:
        assert DELIVERY_FIELDS <= set(d), d
        assert d["channel"] == "email"
        assert d["status"] == "sent" and d["sentAt"] >= d["createdAt"]
        assert "recipient" not in d and "textBody" not in d
    assert any(d["subject"] == f"Order {order['number']} confirmed" for d in items)
    other, _ = customer(api)
    theirs = deliveries(api, other, limit=100)["items"]
    assert all(order["number"] not in d["subject"] for d in theirs)
    assert_error(api.get("/v2/notifications"), 401)


def test_deliveries_page_newest_first(server, api, admin):
    token, _, _ = paid_order(api, admin)
    sent_templates(api, token, ["welcome", "order_received", "order_confirmation"])
    first = deliveries(api, token, limit=2)
    assert first["total"] == 3 and len(first["items"]) == 2 and first["nextCursor"]
    second = deliveries(api, token, limit=2, cursor=first["nextCursor"])
    assert len(second["items"]) == 1 and second["nextCursor"] is None
    ids = [d["id"] for d in first["items"] + second["items"]]
    assert len(set(ids)) == 3
    assert ids == sorted(ids, reverse=True)  # newest first (ids are time-ordered)
    assert {d["template"] for d in first["items"] + second["items"]} == \
        {"welcome", "order_received", "order_confirmation"}
    assert_error(api.get("/v2/notifications?limit=0", token=token), 400, field="limit")
    assert_error(api.get("/v2/notifications?cursor=zz%20top", token=token), 400, field="cursor")


def test_admins_list_every_delivery_by_status(server, api, admin):
    token, email, order = paid_order(api, admin)
    sent_templates(api, token, ["welcome", "order_received", "order_confirmation"])
    r = api.get("/v2/admin/notifications?status=sent&limit=100", token=admin)
    assert r.status == 200, r
    mine = [d for d in r.json["items"] if d["recipient"] == email]
    assert {d["template"] for d in mine} >= {"welcome", "order_received", "order_confirmation"}
    for d in mine:
        assert d["status"] == "sent" and d["provider"] == "mailbox" and d["attempts"] == 1
        assert d["lastError"] is None and d["eventType"]
    assert all(d["status"] == "sent" for d in r.json["items"])
    assert_error(api.get("/v2/admin/notifications?status=lost", token=admin), 400, field="status")
    assert_error(api.get("/v2/admin/notifications", token=token), 403)


def test_guests_get_their_confirmation_too(server, api, admin):
    p = make_product(api, admin, category(api, admin), stock=3)
    cart = add_to_cart(api, p, 1)
    guest = f"guest-{uuid.uuid4().hex[:8]}@example.com"
    r = checkout(api, cart_id=cart, email=guest)
    assert r.status == 201 and r.json["status"] == "paid", r
    mails = wait_until(lambda: with_subject(mailbox_messages(server, guest), "confirmed"))
    assert mails, mailbox_messages(server, guest)
    assert f"{PUBLIC_URL}/orders/{r.json['id']}/confirmation" in mails[0]["text"]


def test_shipping_cancelling_and_refunding_each_send_their_email(server, api, admin):
    token, email, order = paid_order(api, admin, price=2000, quantity=1)
    r = api.post(f"/v2/admin/orders/{order['id']}/ship",
                 {"carrier": "DHL", "trackingNumber": "JD014600006281"}, token=admin)
    assert r.status == 200, r
    r = api.post(f"/v2/admin/orders/{order['id']}/refund", {"amount": 500}, token=admin)
    assert r.status == 200, r
    sent_templates(api, token, ["order_shipped", "order_refunded"])
    shipped = with_subject(mailbox_messages(server, email), "on its way")[0]
    assert "JD014600006281" in shipped["text"] and "DHL" in shipped["html"]
    refunded = with_subject(mailbox_messages(server, email), "Refund")[0]
    assert "$5.00" in refunded["text"]

    # A declined payment cancels the order: the customer hears it and is told nothing was charged.
    token2, email2 = customer(api)
    p = make_product(api, admin, category(api, admin), stock=3)
    add_to_cart(api, p, 1, token=token2)
    r = checkout(api, token=token2, card=DECLINED_CARD)
    assert r.status == 201, r
    wait_for_status(api, r.json["id"], "cancelled", token2)
    sent_templates(api, token2, ["order_cancelled"])
    cancelled = with_subject(mailbox_messages(server, email2), "cancelled")[0]
    assert "You have not been charged." in cancelled["text"]


def test_events_delivered_again_send_no_second_email():
    # Its own server: the test stops it and replays the order outbox through its SQLite file.
    first = start("sqlite")
    again = None
    try:
        api = Api(first.url)
        admin = admin_token(first, api)
        token, email, order = paid_order(api, admin)
        sent_templates(api, token, ["welcome", "order_received", "order_confirmation"])
        before = len(mailbox_messages(first, email))
        assert before == 3
        first.stop()
        # As after a crash between publishing and marking published: every order event goes
        # out again, to every consumer.
        outbox = pathlib.Path(first.tmp) / "order.db"
        with sqlite3.connect(outbox) as db:
            assert db.execute("UPDATE outbox SET published_at = NULL").rowcount >= 2

        def pending():
            with sqlite3.connect(outbox) as db:
                return db.execute("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").fetchone()[0]
        again = restart(first)
        assert wait_until(lambda: pending() == 0), "the relay did not republish"
        api = Api(again.url)
        assert len(deliveries(api, token, limit=100)["items"]) == 3
        wait_until(lambda: len(mailbox_messages(first, email)) > before, timeout=2)
        assert len(mailbox_messages(first, email)) == before
    finally:
        (again or first).stop()


# --- SMTP against a real server (Mailpit) -------------------------------------------------------

@pytest.fixture(scope="module", params=stores())
def smtp_server(request):
    if not smtp_url() or not mailpit_url():
        pytest.skip("UM_TEST_SMTP_URL / UM_TEST_MAILPIT_URL not set (scripts/mail-test-server.sh)")
    s = start(request.param, SMTP_URL=smtp_url(), EMAIL_FROM="UltraMarket <orders@example.com>")
    yield s
    s.stop()


def test_a_paid_order_sends_its_confirmation_over_smtp(smtp_server):
    api = Api(smtp_server.url)
    admin = admin_token(smtp_server, api)
    token, email, order = paid_order(api, admin)
    mails = wait_until(lambda: with_subject(mailpit_messages(email), "confirmed"))
    assert len(mails) == 1, mailpit_messages(email)
    mail = mails[0]
    assert mail["subject"] == f"Order {order['number']} confirmed"
    assert mail["from"] == "orders@example.com"
    assert order["number"] in mail["text"] and "$25.00" in mail["text"]
    assert f"{PUBLIC_URL}/account/orders/{order['id']}" in mail["html"]
    items = sent_templates(api, token, ["order_confirmation"])
    confirmation = [d for d in items if d["template"] == "order_confirmation"][0]
    assert mail["messageId"].startswith(confirmation["id"])  # the delivery id is the Message-ID
    r = api.get("/v2/admin/notifications?status=sent&limit=100", token=admin)
    assert any(d["id"] == confirmation["id"] and d["provider"] == "smtp" for d in r.json["items"])


def test_an_unreachable_smtp_server_ends_in_dead_deliveries(request):
    store = stores()[0]
    s = start(store, SMTP_URL="smtp://127.0.0.1:1", NOTIFICATION_MAX_ATTEMPTS="2")
    try:
        api = Api(s.url)
        admin = admin_token(s, api)
        _, email = customer(api)

        def dead():
            r = api.get("/v2/admin/notifications?status=dead&limit=100", token=admin)
            return [d for d in r.json["items"] if d["recipient"] == email]
        got = wait_until(dead, timeout=30)
        assert got, api.get("/v2/admin/notifications?limit=100", token=admin)
        d = got[0]
        assert d["template"] == "welcome" and d["attempts"] == 2 and d["sentAt"] is None
        assert d["provider"] == "smtp" and "smtp" in d["lastError"]
        # An operator sends it again (after fixing the server): queued with fresh attempts.
        r = api.post(f"/v2/admin/notifications/{d['id']}/retry", token=admin)
        assert r.status == 200 and r.json["status"] == "queued" and r.json["attempts"] == 0, r
        assert wait_until(lambda: [x for x in dead() if x["id"] == d["id"]], timeout=30)
        token, _ = customer(api)
        assert_error(api.post(f"/v2/admin/notifications/{d['id']}/retry", token=token), 403)
        assert_error(api.post("/v2/admin/notifications/nope/retry", token=admin), 404)
    finally:
        s.stop()


# --- SendGrid v3 against the fake -------------------------------------------------------------

@pytest.fixture(scope="module")
def sendgrid():
    fake = SendGridFake("SG.e2e-key").start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module", params=stores())
def sendgrid_server(request, sendgrid):
    s = start(request.param, SENDGRID_API_KEY="SG.e2e-key", SENDGRID_API_BASE=sendgrid.url,
              NOTIFICATION_MAX_ATTEMPTS="3")
    yield s
    s.stop()


def test_a_paid_order_sends_its_confirmation_through_sendgrid(sendgrid_server, sendgrid):
    api = Api(sendgrid_server.url)
    admin = admin_token(sendgrid_server, api)
    token, email, order = paid_order(api, admin)
    mails = wait_until(lambda: with_subject(sendgrid_messages(sendgrid, email), "confirmed"))
    assert len(mails) == 1, sendgrid_messages(sendgrid, email)
    mail = mails[0]
    assert mail["types"] == ["text/plain", "text/html"]
    assert order["number"] in mail["text"] and "$25.00" in mail["text"]
    assert f'href="{PUBLIC_URL}/account/orders/{order["id"]}"' in mail["html"]
    items = sent_templates(api, token, ["order_confirmation"])
    confirmation = [d for d in items if d["template"] == "order_confirmation"][0]
    assert mail["reference"] == confirmation["id"]


def test_sendgrid_outages_are_retried_with_backoff_then_given_up(sendgrid_server, sendgrid):
    api = Api(sendgrid_server.url)
    admin = admin_token(sendgrid_server, api)
    token, email, order = paid_order(api, admin)
    sent_templates(api, token, ["order_confirmation"])

    def delivery(template):
        r = api.get("/v2/admin/notifications?limit=100", token=admin)
        found = [d for d in r.json["items"] if d["recipient"] == email and d["template"] == template]
        return found[0] if found else None

    # Every email so far (the admin's welcome arrives through the auth outbox a moment later)
    # is out before failures are injected, so no other email takes one of them.
    counts = []

    def settled():
        r = api.get("/v2/admin/notifications?limit=1", token=admin).json["total"]
        busy = sum(api.get(f"/v2/admin/notifications?status={s}&limit=1", token=admin).json["total"]
                   for s in ("queued", "failed"))
        counts.append(r)
        time.sleep(0.5)
        return busy == 0 and len(counts) >= 2 and counts[-1] == counts[-2]
    assert wait_until(settled)

    # Two failures, then SendGrid answers again: sent on the third attempt.
    sendgrid.fail_next(503, 2)
    r = api.post(f"/v2/admin/orders/{order['id']}/ship", {"carrier": "UPS", "trackingNumber": "1Z999"},
                 token=admin)
    assert r.status == 200, r
    shipped = wait_until(lambda: (d := delivery("order_shipped")) and d["status"] == "sent" and d, timeout=30)
    assert shipped, delivery("order_shipped")
    assert shipped["attempts"] == 3 and shipped["lastError"] is None
    assert len(with_subject(sendgrid_messages(sendgrid, email), "on its way")) == 1

    # It stays down: dead after NOTIFICATION_MAX_ATTEMPTS, with the last error kept.
    sendgrid.fail_next(503, 50)
    try:
        r = api.post(f"/v2/admin/orders/{order['id']}/refund", {"amount": 100}, token=admin)
        assert r.status == 200, r
        dead = wait_until(lambda: (d := delivery("order_refunded")) and d["status"] == "dead" and d, timeout=30)
        assert dead, delivery("order_refunded")
        assert dead["attempts"] == 3 and "503" in dead["lastError"]
        r = api.get("/v2/admin/notifications?status=dead&limit=100", token=admin)
        assert any(d["id"] == dead["id"] for d in r.json["items"])
    finally:
        sendgrid.state.failures.clear()


# --- password reset: sent by the notification service through the configured adapter ----------

def test_a_reset_link_goes_out_through_sendgrid_and_works(sendgrid_server, sendgrid):
    api = Api(sendgrid_server.url)
    admin = admin_token(sendgrid_server, api)
    _, email = customer(api)
    assert api.post("/v2/auth/password/forgot", {"email": email}).status == 202
    mails = wait_until(lambda: with_subject(sendgrid_messages(sendgrid, email), "Reset"))
    assert len(mails) == 1, sendgrid_messages(sendgrid, email)
    match = re.search(r"https://shop\.example\.com/reset-password\?token=([A-Za-z0-9_-]+)",
                      mails[0]["text"])
    assert match, mails[0]["text"]
    token = match.group(1)

    # Neither the auth outbox nor the delivery record keeps the token in clear.
    if sendgrid_server.store == "sqlite":
        with sqlite3.connect(pathlib.Path(sendgrid_server.tmp) / "auth.db") as db:
            payloads = [row[0] for row in db.execute(
                "SELECT payload FROM outbox WHERE type = 'auth.password_reset_requested'")]
        assert payloads and all(token not in p and "sealedResetUrl" in p for p in payloads)
    r = api.get("/v2/admin/notifications?status=sent&limit=100", token=admin)
    reset = [d for d in r.json["items"] if d["template"] == "password_reset" and d["recipient"] == email]
    assert len(reset) == 1 and token not in str(reset[0]), r.json

    assert api.post("/v2/auth/password/reset", {"token": token, "password": "new-password-2"}).status == 204
    assert api.post("/v2/auth/login", {"email": email, "password": "new-password-2"}).status == 200

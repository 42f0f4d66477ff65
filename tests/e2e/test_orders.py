"""The contract's Orders section over HTTP with the built-in test provider: checkout with
an Idempotency-Key, the saga's outcomes (paid, declined, out of stock, empty cart), totals
(flat shipping, the free-shipping threshold, tax by country), every route and status of
the status machine, who may see what, and the admin's payments view. On SQLite and, when
UM_TEST_DATABASE_URL is set, PostgreSQL. Stripe/PayPal paths: test_payment_providers.py."""
import pathlib
import sqlite3
import subprocess
import uuid

import pytest

from checkout_helpers import (DECLINED_CARD, GOOD_CARD, add_to_cart, address, checkout, customer,
                              history, make_product, stock_of, usd, wait_for, wait_for_status)
from conftest import assert_error

ORDER_FIELDS = {"id", "number", "status", "email", "items", "subtotal", "shipping", "tax",
                "total", "shippingAddress", "payment", "statusHistory", "createdAt"}
ITEM_FIELDS = {"productId", "variantId", "sku", "name", "unitPrice", "quantity", "lineTotal"}
SERVER_ENV = {"SHIPPING_FLAT_RATE": "499", "FREE_SHIPPING_THRESHOLD": "5000",
              "TAX_RATES": "DE=19,US=7.25", "TAX_DEFAULT_RATE": "0"}


@pytest.fixture
def product(api, admin, cat):
    return lambda stock=5, price=1250: make_product(api, admin, cat, stock, price)


@pytest.fixture
def buyer(api):
    return customer(api)


def paid_order(api, product, quantity=1, price=1250, stock=5):
    token, email = customer(api)
    p = product(stock=stock, price=price)
    add_to_cart(api, p, quantity, token=token)
    r = checkout(api, token=token)
    assert r.status == 201, r
    assert r.json["status"] == "paid", r
    return token, p, r.json


def assert_order_shape(o):
    assert ORDER_FIELDS <= set(o), ORDER_FIELDS - set(o)
    for item in o["items"]:
        assert ITEM_FIELDS <= set(item)
        assert set(item["unitPrice"]) == {"amount", "currency"}
    for money in ("subtotal", "shipping", "tax", "total"):
        assert set(o[money]) == {"amount", "currency"} and isinstance(o[money]["amount"], int)
    assert o["total"]["amount"] == o["subtotal"]["amount"] + o["shipping"]["amount"] + o["tax"]["amount"]
    assert {"provider", "status"} <= set(o["payment"])
    assert all({"status", "at"} <= set(h) for h in o["statusHistory"])
    assert o["number"].startswith("UM-")


# --- POST /v2/orders: the saga ----------------------------------------------------------------

def test_checkout_needs_an_idempotency_key(api, buyer):
    token, _ = buyer
    r = api.post("/v2/orders", {"shippingAddress": address(), "paymentProvider": "test",
                                "paymentMethod": {"testCard": GOOD_CARD}}, token=token)
    assert_error(r, 400, "idempotency_key_required", "Idempotency-Key")


def test_a_good_card_pays_at_once_commits_stock_and_empties_the_cart(api, product, buyer):
    token, email = buyer
    p = product(stock=5, price=1250)
    add_to_cart(api, p, 2, token=token)
    r = checkout(api, token=token)
    assert r.status == 201, r
    o = r.json
    assert_order_shape(o)
    assert o["status"] == "paid"
    assert history(o) == ["pending_payment", "paid"]
    assert o["email"] == email
    assert o["payment"]["provider"] == "test" and o["payment"]["status"] == "succeeded"
    assert o["items"][0]["quantity"] == 2 and o["items"][0]["lineTotal"] == usd(2500)
    assert o["items"][0]["sku"] == p["variants"][0]["sku"]
    assert stock_of(api, p) == 3
    cart = api.get("/v2/cart", token=token)
    assert cart.status == 200 and cart.json["items"] == []
    assert o["shippingAddress"]["country"] == "US" and o["shippingAddress"]["line1"]


def test_totals_have_flat_shipping_below_the_threshold_and_tax_by_country(api, product, buyer):
    token, _ = buyer
    p = product(price=1000)
    add_to_cart(api, p, 1, token=token)
    o = checkout(api, token=token, country="DE").json
    assert o["subtotal"] == usd(1000)
    assert o["shipping"] == usd(499)
    assert o["tax"] == usd(285)  # 19 % of 1499, rounded half up
    assert o["total"] == usd(1784)


def test_shipping_is_free_from_the_threshold_and_unlisted_countries_pay_the_default_rate(api, product, buyer):
    token, _ = buyer
    p = product(price=2500)
    add_to_cart(api, p, 2, token=token)
    o = checkout(api, token=token, country="FR").json
    assert o["subtotal"] == usd(5000) and o["shipping"] == usd(0) and o["tax"] == usd(0)
    assert o["total"] == usd(5000)


def test_us_tax_rate_with_decimals(api, product, buyer):
    token, _ = buyer
    p = product(price=10000)
    add_to_cart(api, p, 1, token=token)
    o = checkout(api, token=token, country="US").json
    assert o["tax"] == usd(725) and o["total"] == usd(10725)


def test_prices_come_from_the_catalog_at_checkout(api, admin, product, buyer):
    token, _ = buyer
    p = product(price=1000)
    add_to_cart(api, p, 1, token=token)
    v = p["variants"][0]
    r = api.patch(f"/v2/admin/products/{p['id']}", {"variants": [
        {"id": v["id"], "sku": v["sku"], "name": v["name"], "price": usd(1500)}]}, token=admin)
    assert r.status == 200, r
    o = checkout(api, token=token, country="FR").json
    assert o["items"][0]["unitPrice"] == usd(1500) and o["subtotal"] == usd(1500)


def test_the_same_key_and_body_return_the_same_order(api, product, buyer):
    token, _ = buyer
    p = product(stock=5)
    add_to_cart(api, p, 1, token=token)
    key = str(uuid.uuid4())
    first = checkout(api, token=token, key=key)
    again = checkout(api, token=token, key=key)
    assert first.status == 201 and again.status == 200, (first, again)
    assert again.json["id"] == first.json["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stock_of(api, p) == 4  # reserved and sold once
    mine = api.get("/v2/orders", token=token).json
    assert mine["total"] == 1


def test_the_same_key_with_another_body_is_409(api, product, buyer):
    token, _ = buyer
    add_to_cart(api, product(), 1, token=token)
    key = str(uuid.uuid4())
    assert checkout(api, token=token, key=key).status == 201
    other = checkout(api, token=token, key=key, country="DE")
    assert_error(other, 409, "idempotency_key_reused")


def test_keys_belong_to_their_caller(api, product):
    key = str(uuid.uuid4())
    a, _ = customer(api)
    b, _ = customer(api)
    add_to_cart(api, product(), 1, token=a)
    add_to_cart(api, product(), 1, token=b)
    first = checkout(api, token=a, key=key)
    second = checkout(api, token=b, key=key)
    assert first.status == 201 and second.status == 201
    assert first.json["id"] != second.json["id"]


def test_an_empty_cart_is_409_and_leaves_the_key_usable(api, product, buyer):
    token, _ = buyer
    key = str(uuid.uuid4())
    assert_error(checkout(api, token=token, key=key), 409, "cart_empty")
    add_to_cart(api, product(), 1, token=token)
    assert checkout(api, token=token, key=key).status == 201


def test_not_enough_stock_is_409_and_reserves_nothing(api, admin, product, buyer):
    token, _ = buyer
    p = product(stock=5)
    other = product(stock=5)
    add_to_cart(api, other, 2, token=token)
    add_to_cart(api, p, 3, token=token)
    r = api.put(f"/v2/admin/variants/{p['variants'][0]['id']}/stock", {"stock": 2}, token=admin)
    assert r.status == 200, r
    assert_error(checkout(api, token=token), 409, "insufficient_stock")
    assert stock_of(api, p) == 2 and stock_of(api, other) == 5  # all or nothing


def test_a_declined_card_cancels_the_order_and_releases_the_stock(api, product, buyer):
    token, _ = buyer
    p = product(stock=3)
    add_to_cart(api, p, 2, token=token)
    r = checkout(api, token=token, card=DECLINED_CARD)
    assert r.status == 201, r
    o = r.json
    assert o["status"] == "cancelled"
    assert history(o) == ["pending_payment", "cancelled"]
    assert o["payment"]["status"] in ("failed", "cancelled")
    assert stock_of(api, p) == 3
    # The cart is kept for another try.
    assert api.get("/v2/cart", token=token).json["items"]


@pytest.mark.parametrize("body,field", [
    ({"shippingAddress": address(), "paymentProvider": "cash"}, "paymentProvider"),
    ({"shippingAddress": address(), "paymentProvider": "test"}, "paymentMethod.testCard"),
    ({"shippingAddress": address(), "paymentProvider": "test",
      "paymentMethod": {"testCard": "4242424242424241"}}, "paymentMethod.testCard"),
    ({"shippingAddress": address(country="usa"), "paymentProvider": "test",
      "paymentMethod": {"testCard": GOOD_CARD}}, "country"),
    ({"shippingAddress": {"name": "x"}, "paymentProvider": "test",
      "paymentMethod": {"testCard": GOOD_CARD}}, "line1"),
    ({"paymentProvider": "test", "paymentMethod": {"testCard": GOOD_CARD}}, "shippingAddress"),
    ({"shippingAddress": address(), "paymentProvider": "test",
      "paymentMethod": {"testCard": GOOD_CARD}, "coupon": "FREE"}, "coupon"),
])
def test_bad_checkout_bodies_are_400_naming_the_field(api, buyer, body, field):
    token, _ = buyer
    r = api.post("/v2/orders", body, token=token, headers={"Idempotency-Key": str(uuid.uuid4())})
    err = assert_error(r, 400)
    assert field in (err.get("field") or ""), r


def test_switched_off_or_unconfigured_providers_are_400_provider_unavailable(api, product, buyer):
    token, _ = buyer
    add_to_cart(api, product(), 1, token=token)
    for provider in ("stripe", "paypal"):
        r = checkout(api, token=token, provider=provider, card=None)
        assert_error(r, 400, "provider_unavailable")


def test_a_saved_address_id_that_is_not_the_users_is_400(api, product, buyer):
    token, _ = buyer
    add_to_cart(api, product(), 1, token=token)
    r = api.post("/v2/orders", {"addressId": str(uuid.uuid4()), "paymentProvider": "test",
                                "paymentMethod": {"testCard": GOOD_CARD}},
                 token=token, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_error(r, 400, field="addressId")


def test_card_numbers_are_never_echoed_stored_or_logged(server, api, product):
    token, p, o = paid_order(api, product)
    assert GOOD_CARD not in str(o)
    assert GOOD_CARD not in server.logs() and DECLINED_CARD not in server.logs()


# --- guests -----------------------------------------------------------------------------------

def test_guests_check_out_with_their_cart_id_and_an_email(api, product):
    p = product(stock=4)
    cart_id = add_to_cart(api, p, 1)
    assert_error(checkout(api, cart_id=cart_id), 400, field="email")
    r = checkout(api, cart_id=cart_id, email="guest@example.com")
    assert r.status == 201 and r.json["status"] == "paid", r
    o = r.json
    assert o["email"] == "guest@example.com"
    mine = api.get(f"/v2/orders/{o['id']}", headers={"X-Cart-Id": cart_id})
    assert mine.status == 200 and mine.json["id"] == o["id"]
    other_cart = add_to_cart(api, product())
    assert_error(api.get(f"/v2/orders/{o['id']}", headers={"X-Cart-Id": other_cart}), 404)
    assert_error(api.get(f"/v2/orders/{o['id']}"), 401)
    assert api.get("/v2/cart", headers={"X-Cart-Id": cart_id}).json["items"] == []


# --- reading ----------------------------------------------------------------------------------

def test_customers_list_and_read_only_their_own_orders(api, admin, product):
    token, _, first = paid_order(api, product)
    add_to_cart(api, product(), 1, token=token)
    second = checkout(api, token=token).json
    stranger, _ = customer(api)

    page = api.get("/v2/orders?limit=1", token=token)
    assert page.status == 200 and page.json["total"] == 2
    assert [o["id"] for o in page.json["items"]] == [second["id"]]  # newest first
    rest = api.get(f"/v2/orders?limit=1&cursor={page.json['nextCursor']}", token=token).json
    assert [o["id"] for o in rest["items"]] == [first["id"]] and rest["nextCursor"] is None

    assert api.get(f"/v2/orders/{first['id']}", token=token).json["id"] == first["id"]
    assert_error(api.get(f"/v2/orders/{first['id']}", token=stranger), 404)
    assert api.get("/v2/orders", token=stranger).json["items"] == []
    assert api.get(f"/v2/orders/{first['id']}", token=admin).status == 200  # an admin sees all
    assert_error(api.get("/v2/orders"), 401)
    assert_error(api.get(f"/v2/orders/{uuid.uuid4()}", token=token), 404)
    assert_error(api.get("/v2/orders?limit=0", token=token), 400, field="limit")


# --- cancel -----------------------------------------------------------------------------------

def test_cancelling_a_paid_order_refunds_it_and_the_cancel_is_final(api, product):
    token, p, o = paid_order(api, product, quantity=1, price=2000)
    r = api.post(f"/v2/orders/{o['id']}/cancel", token=token)
    assert r.status == 200, r
    assert r.json["status"] == "cancelled"
    assert history(r.json) == ["pending_payment", "paid", "cancelled"]
    assert r.json["payment"]["status"] == "refunded"
    # The refund's amount reaches the order with the payment.refunded event, a moment later.
    got = wait_for(lambda: (lambda j: j if j["refunded"]["amount"] == o["total"]["amount"] else None)(
        api.get(f"/v2/orders/{o['id']}", token=token).json), 10)
    assert got and got["status"] == "cancelled", api.get(f"/v2/orders/{o['id']}", token=token)
    assert_error(api.post(f"/v2/orders/{o['id']}/cancel", token=token), 409, "invalid_transition")


def test_nobody_cancels_someone_elses_order(api, product):
    _, _, o = paid_order(api, product)
    stranger, _ = customer(api)
    assert_error(api.post(f"/v2/orders/{o['id']}/cancel", token=stranger), 404)


# --- admin: ship, deliver, refund -------------------------------------------------------------

def test_ship_then_deliver_then_no_going_back(api, admin, product):
    token, _, o = paid_order(api, product)
    r = api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "UPS", "trackingNumber": "1Z999"},
                 token=admin)
    assert r.status == 200, r
    assert r.json["status"] == "shipped"
    assert r.json["shipment"] == {"carrier": "UPS", "trackingNumber": "1Z999"}
    assert_error(api.post(f"/v2/orders/{o['id']}/cancel", token=token), 409, "invalid_transition")
    d = api.post(f"/v2/admin/orders/{o['id']}/deliver", token=admin)
    assert d.status == 200 and d.json["status"] == "delivered"
    assert history(d.json) == ["pending_payment", "paid", "shipped", "delivered"]
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/deliver", token=admin), 409, "invalid_transition")
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/ship",
                          {"carrier": "UPS", "trackingNumber": "1Z"}, token=admin), 409, "invalid_transition")


def test_deliver_before_ship_and_ship_after_cancel_are_invalid(api, admin, product):
    token, _, o = paid_order(api, product)
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/deliver", token=admin), 409, "invalid_transition")
    api.post(f"/v2/orders/{o['id']}/cancel", token=token)
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/ship",
                          {"carrier": "UPS", "trackingNumber": "1Z"}, token=admin), 409, "invalid_transition")
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin), 409, "invalid_transition")


def test_ship_needs_a_carrier_and_a_tracking_number(api, admin, product):
    _, _, o = paid_order(api, product)
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "UPS"}, token=admin),
                 400, field="trackingNumber")


def test_partial_refunds_add_up_to_a_full_refund(api, admin, product):
    token, _, o = paid_order(api, product, quantity=2, price=1500)
    total = o["total"]["amount"]
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 1000}, token=admin)
    assert r.status == 200, r
    assert r.json["status"] == "partially_refunded" and r.json["refunded"] == usd(1000)
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": total}, token=admin),
                 400, field="amount")
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": usd(500)}, token=admin)
    assert r.json["status"] == "partially_refunded" and r.json["refunded"] == usd(1500)
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin)  # the rest
    assert r.json["status"] == "refunded" and r.json["refunded"] == usd(total)
    assert history(r.json) == ["pending_payment", "paid", "partially_refunded",
                               "partially_refunded", "refunded"]
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin), 409, "invalid_transition")
    payments = api.get(f"/v2/admin/payments?orderId={o['id']}", token=admin).json["items"]
    assert payments[0]["status"] == "refunded" and payments[0]["refunded"] == usd(total)
    assert [x["amount"]["amount"] for x in payments[0]["refunds"]] == [1000, 500, total - 1500]


def test_a_delivered_order_can_be_refunded_in_full(api, admin, product):
    _, _, o = paid_order(api, product)
    api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "DHL", "trackingNumber": "JD1"}, token=admin)
    api.post(f"/v2/admin/orders/{o['id']}/deliver", token=admin)
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", token=admin)
    assert r.status == 200 and r.json["status"] == "refunded", r


def test_a_retried_refund_with_the_same_key_refunds_once(api, admin, product):
    _, _, o = paid_order(api, product, price=3000)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    a = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 700}, token=admin, headers=headers)
    b = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 700}, token=admin, headers=headers)
    assert a.status == b.status == 200
    assert b.json["refunded"] == usd(700)


def test_admin_routes_need_the_admin_role(api, product):
    token, _, o = paid_order(api, product)
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/ship",
                          {"carrier": "UPS", "trackingNumber": "1"}, token=token), 403)
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=token), 403)
    assert_error(api.get("/v2/admin/orders", token=token), 403)
    assert_error(api.get("/v2/admin/payments", token=token), 403)
    assert_error(api.get("/v2/admin/orders"), 401)


def test_admin_lists_and_filters_orders(api, admin, product):
    token, email = customer(api)
    p = product(stock=10)
    add_to_cart(api, p, 1, token=token)
    paid = checkout(api, token=token).json
    add_to_cart(api, p, 1, token=token)
    cancelled = checkout(api, token=token, card=DECLINED_CARD).json
    assert cancelled["status"] == "cancelled"

    by_email = api.get(f"/v2/admin/orders?q={email}", token=admin).json
    assert {o["id"] for o in by_email["items"]} == {paid["id"], cancelled["id"]}
    assert by_email["total"] == 2
    by_number = api.get(f"/v2/admin/orders?q={paid['number'].lower()}", token=admin).json
    assert [o["id"] for o in by_number["items"]] == [paid["id"]]
    only_cancelled = api.get(f"/v2/admin/orders?status=cancelled&q={email}", token=admin).json
    assert [o["id"] for o in only_cancelled["items"]] == [cancelled["id"]]
    everything = api.get("/v2/admin/orders?status=paid&limit=100", token=admin).json
    assert all(o["status"] == "paid" for o in everything["items"])
    assert_error(api.get("/v2/admin/orders?status=lost", token=admin), 400, field="status")


def test_admin_sees_the_payment_with_last4_only(api, admin, product):
    _, _, o = paid_order(api, product)
    r = api.get(f"/v2/admin/payments?orderId={o['id']}", token=admin)
    assert r.status == 200, r
    assert r.json["total"] == 1
    pay = r.json["items"][0]
    assert pay["orderId"] == o["id"] and pay["provider"] == "test" and pay["status"] == "succeeded"
    assert pay["cardLast4"] == "4242" and pay["amount"] == o["total"]
    assert GOOD_CARD not in r.body.decode()
    assert api.get(f"/v2/admin/payments?orderId={uuid.uuid4()}", token=admin).json["items"] == []


# --- saved addresses (addressId) ------------------------------------------------------------

def save_address(api, token, country="DE"):
    r = api.post("/v2/users/me/addresses", {"name": "Grace Hopper", "line1": "7 Compiler Str.",
                                            "city": "Berlin", "postalCode": "10115",
                                            "country": country}, token=token)
    assert r.status == 201, r
    return r.json


def checkout_with_address_id(api, token, address_id, key=None):
    return api.post("/v2/orders", {"addressId": address_id, "paymentProvider": "test",
                                   "paymentMethod": {"testCard": GOOD_CARD}},
                    token=token, headers={"Idempotency-Key": key or str(uuid.uuid4())})


def test_checkout_with_a_saved_address_id_ships_there_and_taxes_by_its_country(api, product, buyer):
    token, _ = buyer
    saved = save_address(api, token, country="DE")
    add_to_cart(api, product(price=1000), 1, token=token)
    r = checkout_with_address_id(api, token, saved["id"])
    assert r.status == 201, r
    o = r.json
    assert o["status"] == "paid"
    assert o["shippingAddress"]["line1"] == "7 Compiler Str."
    assert o["shippingAddress"]["country"] == "DE" and o["shippingAddress"]["postalCode"] == "10115"
    assert o["tax"] == usd(285)  # DE's 19 % of 1000 + 499 shipping: the saved country counts


def test_another_users_address_id_is_400_and_holds_no_stock(api, product):
    owner, _ = customer(api)
    saved = save_address(api, owner)
    thief, _ = customer(api)
    p = product(stock=3)
    add_to_cart(api, p, 2, token=thief)
    r = checkout_with_address_id(api, thief, saved["id"])
    err = assert_error(r, 400, field="addressId")
    assert "Compiler" not in str(err)  # nothing about the other user's address leaks
    assert stock_of(api, p) == 3
    assert api.get("/v2/orders", token=thief).json["total"] == 0


def test_a_guest_cannot_check_out_with_an_address_id(api, product):
    cart_id = add_to_cart(api, product(), 1)
    r = api.post("/v2/orders", {"addressId": str(uuid.uuid4()), "email": "g@example.com",
                                "paymentProvider": "test", "paymentMethod": {"testCard": GOOD_CARD}},
                 headers={"Idempotency-Key": str(uuid.uuid4()), "X-Cart-Id": cart_id})
    assert_error(r, 400, field="addressId")


def test_address_and_address_id_together_are_400(api, product, buyer):
    token, _ = buyer
    saved = save_address(api, token)
    r = api.post("/v2/orders", {"addressId": saved["id"], "shippingAddress": address(),
                                "paymentProvider": "test", "paymentMethod": {"testCard": GOOD_CARD}},
                 token=token, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_error(r, 400, field="addressId")


# --- stock back on sale after a paid order is cancelled or refunded before shipping -----------

def test_cancelling_a_paid_order_puts_its_units_back_on_sale(api, product):
    token, p, o = paid_order(api, product, quantity=2, stock=5)
    assert stock_of(api, p) == 3
    r = api.post(f"/v2/orders/{o['id']}/cancel", token=token)
    assert r.status == 200 and r.json["status"] == "cancelled", r
    # The status changes first; the restock is owed work done right after the answer.
    assert wait_for(lambda: stock_of(api, p) == 5, 10), stock_of(api, p)


def test_a_full_refund_before_shipping_restocks(api, admin, product):
    _, p, o = paid_order(api, product, quantity=2, stock=4)
    assert stock_of(api, p) == 2
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 100}, token=admin)
    assert r.json["status"] == "partially_refunded"
    assert stock_of(api, p) == 2  # a partial refund is a discount, not a return
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin)
    assert r.status == 200 and r.json["status"] == "refunded", r
    assert wait_for(lambda: stock_of(api, p) == 4, 10), stock_of(api, p)


def test_a_refund_after_shipping_does_not_restock(api, admin, product):
    _, p, o = paid_order(api, product, quantity=1, stock=4)
    api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "UPS", "trackingNumber": "1Z"}, token=admin)
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin)
    assert r.status == 200 and r.json["status"] == "refunded", r
    assert stock_of(api, p) == 3  # the goods are with the buyer


def run_sql(server, service, statement):
    """One statement on a service's own store (SQLite file or PostgreSQL schema); returns
    the affected row count (SQLite) or psql's output."""
    if server.store == "sqlite":
        with sqlite3.connect(pathlib.Path(server.tmp) / f"{service}.db") as db:
            return db.execute(statement).rowcount
    out = subprocess.run(["psql", server.env["DATABASE_URL"], "-qtAc",
                          f'SET search_path TO "{service}"; {statement}'],
                         check=True, capture_output=True, text=True)
    return out.stdout


def query_one(server, service, statement):
    if server.store == "sqlite":
        with sqlite3.connect(pathlib.Path(server.tmp) / f"{service}.db") as db:
            row = db.execute(statement).fetchone()
            return row[0] if row else None
    out = run_sql(server, service, statement).strip()
    return out or None


def test_a_redelivered_cancellation_restocks_exactly_once(server, api, product):
    token, p, o = paid_order(api, product, quantity=2, stock=6)
    api.post(f"/v2/orders/{o['id']}/cancel", token=token)
    assert wait_for(lambda: stock_of(api, p) == 6, 10), stock_of(api, p)
    # As after a crash between restocking and recording it: the owed work is back on the
    # order (left there long enough ago for the sweeper to retry it) and order.cancelled
    # goes out again to every consumer.
    run_sql(server, "order", "UPDATE orders SET pending_effect = 'cancel', "
                             f"updated_at = '2000-01-01T00:00:00.000Z' WHERE id = '{o['id']}'")
    run_sql(server, "order", "UPDATE outbox SET published_at = NULL "
                             f"WHERE aggregate_id = '{o['id']}' AND type = 'order.cancelled'")

    def settled():
        left = query_one(server, "order", "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL "
                                          f"AND aggregate_id = '{o['id']}'")
        effect = query_one(server, "order", f"SELECT pending_effect FROM orders WHERE id = '{o['id']}'")
        return int(left) == 0 and not effect
    assert wait_for(settled, 30), "the owed work was not retried, or order.cancelled not redelivered"
    assert stock_of(api, p) == 6
    assert api.get(f"/v2/orders/{o['id']}", token=token).json["status"] == "cancelled"


# --- the rest of the status machine ---------------------------------------------------------

@pytest.mark.parametrize("before", [["ship"], ["ship", "deliver"]])
def test_shipped_and_delivered_orders_can_be_partly_then_fully_refunded(api, admin, product, before):
    _, p, o = paid_order(api, product, quantity=1, stock=3)
    if "ship" in before:
        api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "DHL", "trackingNumber": "JD9"},
                 token=admin)
    if "deliver" in before:
        api.post(f"/v2/admin/orders/{o['id']}/deliver", token=admin)
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {"amount": 300}, token=admin)
    assert r.status == 200 and r.json["status"] == "partially_refunded", r
    assert_error(api.post(f"/v2/admin/orders/{o['id']}/ship", {"carrier": "DHL", "trackingNumber": "x"},
                          token=admin), 409, "invalid_transition")
    r = api.post(f"/v2/admin/orders/{o['id']}/refund", {}, token=admin)
    assert r.status == 200 and r.json["status"] == "refunded", r
    assert history(r.json) == ["pending_payment", "paid", *[{"ship": "shipped", "deliver": "delivered"}[b]
                                                           for b in before],
                               "partially_refunded", "refunded"]
    assert stock_of(api, p) == 2  # shipped goods are not restocked
    assert_error(api.post(f"/v2/orders/{o['id']}/cancel", token=admin), 409, "invalid_transition")

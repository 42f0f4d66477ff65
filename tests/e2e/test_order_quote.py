"""POST /v2/orders/quote, the checkout page's totals (an extension of the contract, see
docs/checkout.md): the cart named like POST /v2/orders names it, priced for a destination
by the same rules as the order, reserving nothing. On SQLite and PostgreSQL."""
import uuid

import pytest

from checkout_helpers import GOOD_CARD, add_to_cart, checkout, customer, make_product, stock_of, usd
from conftest import assert_error

SERVER_ENV = {"SHIPPING_FLAT_RATE": "499", "FREE_SHIPPING_THRESHOLD": "5000",
              "TAX_RATES": "DE=19,US=7.25", "TAX_DEFAULT_RATE": "0"}
QUOTE_FIELDS = {"currency", "items", "itemCount", "subtotal", "shipping", "tax", "total", "taxRate"}


def quote(api, body, token=None, cart_id=None):
    headers = {"X-Cart-Id": cart_id} if cart_id else None
    return api.post("/v2/orders/quote", body, token=token, headers=headers)


def test_a_quote_prices_the_cart_for_the_country_and_matches_the_order(api, admin, cat):
    token, _ = customer(api)
    p = make_product(api, admin, cat, stock=5, price=1000)
    add_to_cart(api, p, 2, token=token)
    r = quote(api, {"shippingAddress": {"country": "DE"}}, token=token)
    assert r.status == 200, r
    q = r.json
    assert set(q) == QUOTE_FIELDS
    assert q["currency"] == "USD" and q["itemCount"] == 2 and q["taxRate"] == 1900
    assert q["subtotal"] == usd(2000) and q["shipping"] == usd(499)
    assert q["tax"] == usd(475) and q["total"] == usd(2974)  # 19 % of 2499, half up
    assert q["items"][0]["unitPrice"] == usd(1000) and q["items"][0]["lineTotal"] == usd(2000)
    assert r.headers["Cache-Control"] == "no-store"
    assert stock_of(api, p) == 5  # a quote holds nothing

    o = checkout(api, token=token, country="DE").json
    assert (o["subtotal"], o["shipping"], o["tax"], o["total"]) == \
        (q["subtotal"], q["shipping"], q["tax"], q["total"])


def test_free_shipping_and_the_default_rate_apply_to_quotes(api, admin, cat):
    cart_id = add_to_cart(api, make_product(api, admin, cat, stock=5, price=6000), 1)
    q = quote(api, {"shippingAddress": {"name": "Ada", "line1": "1 Rue", "city": "Paris",
                                        "country": "FR"}}, cart_id=cart_id).json
    assert q["shipping"] == usd(0) and q["tax"] == usd(0) and q["total"] == usd(6000)
    assert q["taxRate"] == 0


def test_a_quote_follows_price_changes_in_the_catalog(api, admin, cat):
    p = make_product(api, admin, cat, stock=5, price=1000)
    cart_id = add_to_cart(api, p, 1)
    assert quote(api, {"shippingAddress": {"country": "US"}}, cart_id=cart_id).json["subtotal"] == usd(1000)
    v = p["variants"][0]
    r = api.patch(f"/v2/admin/products/{p['id']}", {"variants": [
        {"id": v["id"], "sku": v["sku"], "name": v["name"], "price": usd(1500)}]}, token=admin)
    assert r.status == 200, r
    q = quote(api, {"shippingAddress": {"country": "US"}}, cart_id=cart_id).json
    assert q["subtotal"] == usd(1500)
    assert q["tax"] == usd(145)  # 7.25 % of 1999, half up


def test_a_quote_for_a_saved_address_id(api, admin, cat):
    token, _ = customer(api)
    r = api.post("/v2/users/me/addresses", {"name": "Ada", "line1": "1 Way", "city": "Bonn",
                                             "postalCode": "53111", "country": "DE"}, token=token)
    assert r.status == 201, r
    saved = r.json
    add_to_cart(api, make_product(api, admin, cat, stock=5, price=1000), 1, token=token)
    q = quote(api, {"addressId": saved["id"]}, token=token)
    assert q.status == 200, q
    assert q.json["tax"] == usd(285)
    stranger, _ = customer(api)
    add_to_cart(api, make_product(api, admin, cat, stock=5, price=1000), 1, token=stranger)
    assert_error(quote(api, {"addressId": saved["id"]}, token=stranger), 400, field="addressId")


def test_an_empty_or_missing_cart_is_409_cart_empty(api):
    token, _ = customer(api)
    assert_error(quote(api, {"shippingAddress": {"country": "US"}}, token=token), 409, "cart_empty")
    assert_error(quote(api, {"shippingAddress": {"country": "US"}}), 409, "cart_empty")
    assert_error(quote(api, {"shippingAddress": {"country": "US"}}, cart_id=uuid.uuid4().hex),
                 409, "cart_empty")


@pytest.mark.parametrize("body,field", [
    ({"shippingAddress": {"country": "Germany"}}, "country"),
    ({"shippingAddress": {"country": "de"}}, "country"),
    ({"shippingAddress": {"country": ""}}, "country"),
    ({"shippingAddress": {"city": "Berlin"}}, "country"),
    ({"shippingAddress": "DE"}, "shippingAddress"),
    ({}, "shippingAddress"),
    ({"shippingAddress": {"country": "DE"}, "addressId": "x"}, "addressId"),
    ({"shippingAddress": {"country": "DE"}, "coupon": "FREE"}, "coupon"),
    ({"shippingAddress": {"country": 49}}, "country"),
])
def test_bad_destinations_are_400_naming_the_field(api, admin, cat, body, field):
    cart_id = add_to_cart(api, make_product(api, admin, cat, stock=5, price=1000), 1)
    err = assert_error(quote(api, body, cart_id=cart_id), 400)
    assert field in (err.get("field") or ""), err


def test_a_quote_needs_a_json_object(api, admin, cat):
    cart_id = add_to_cart(api, make_product(api, admin, cat, stock=5, price=1000), 1)
    r = api.request("POST", "/v2/orders/quote", raw=b"[1]",
                    headers={"Content-Type": "application/json", "X-Cart-Id": cart_id})
    assert_error(r, 400)
    r = api.request("POST", "/v2/orders/quote", raw=b"country=DE",
                    headers={"Content-Type": "text/plain", "X-Cart-Id": cart_id})
    assert_error(r, 415)


def test_an_archived_product_in_the_cart_is_409(api, admin, cat):
    p = make_product(api, admin, cat, stock=5, price=1000)
    cart_id = add_to_cart(api, p, 1)
    assert api.delete(f"/v2/admin/products/{p['id']}", token=admin).status in (200, 204)
    assert_error(quote(api, {"shippingAddress": {"country": "US"}}, cart_id=cart_id),
                 409, "product_unavailable")


def test_an_unused_test_card_never_matters_to_a_quote(api, admin, cat):
    # A quote takes no payment fields: sending one is a mistake the page should hear about.
    cart_id = add_to_cart(api, make_product(api, admin, cat, stock=5, price=1000), 1)
    r = quote(api, {"shippingAddress": {"country": "US"},
                    "paymentMethod": {"testCard": GOOD_CARD}}, cart_id=cart_id)
    assert_error(r, 400, field="paymentMethod")

"""The contract's Cart section over HTTP: guest carts (X-Cart-Id), user carts, the merge,
re-pricing on every read, stock and input checks, and who may see which cart."""
import threading
import uuid

import pytest

from conftest import assert_error

ITEM_FIELDS = {"id", "productId", "variantId", "sku", "name", "image", "unitPrice", "quantity",
               "lineTotal"}


def usd(amount):
    return {"amount": amount, "currency": "USD"}


@pytest.fixture(scope="module")
def admin(server, api):
    email = f"cart-admin-{uuid.uuid4().hex[:8]}@example.com"
    r = server.cli("user", "create", "--email", email, "--password", "admin-password-1",
                   "--role", "admin")
    assert r.returncode == 0, r.stderr
    login = api.post("/v2/auth/login", {"email": email, "password": "admin-password-1"})
    assert login.status == 200, login
    return login.json["accessToken"]


@pytest.fixture(scope="module")
def category(api, admin):
    r = api.post("/v2/admin/categories", {"name": f"Cart {uuid.uuid4().hex[:6]}"}, token=admin)
    assert r.status == 201, r
    return r.json["id"]


@pytest.fixture
def make_product(api, admin, category):
    """A fresh active product per call, so tests never share stock."""
    def make(stock=5, price=1250, variants=None):
        tag = uuid.uuid4().hex[:8]
        variants = variants or [{"name": "Standard", "stock": stock, "price": usd(price)}]
        for i, v in enumerate(variants):
            v.setdefault("sku", f"CART-{tag}-{i}")
        r = api.post("/v2/admin/products", {
            "name": f"Cart product {tag}", "description": "for the cart tests", "brand": "Acme",
            "categoryId": category, "price": usd(price), "status": "active",
            "images": ["https://img.example.com/cart.jpg"], "variants": variants}, token=admin)
        assert r.status == 201, r
        return r.json
    return make


def customer(api):
    email = f"shopper-{uuid.uuid4().hex[:10]}@example.com"
    r = api.post("/v2/auth/register", {"email": email, "password": "shopper-pass-1",
                                       "name": "Shopper"})
    assert r.status == 201, r
    return r.json["accessToken"]


def guest_add(api, body, cart_id=None):
    return api.post("/v2/cart/items", body, headers={"X-Cart-Id": cart_id} if cart_id else None)


def as_guest(cart_id):
    return {"X-Cart-Id": cart_id}


# --- guest carts -----------------------------------------------------------------------------

def test_first_guest_add_creates_a_cart_and_hands_out_its_id(api, make_product):
    p = make_product(stock=5, price=1250)
    r = guest_add(api, {"productId": p["id"], "quantity": 2})
    assert r.status == 201, r
    cart = r.json
    assert cart["cartId"] == cart["id"] == r.headers["X-Cart-Id"]
    assert len(cart["items"]) == 1
    item = cart["items"][0]
    assert ITEM_FIELDS <= set(item)
    assert item["productId"] == p["id"]
    assert item["variantId"] == p["variants"][0]["id"]
    assert item["sku"] == p["variants"][0]["sku"]
    assert item["name"] == p["name"]
    assert item["image"].endswith("cart.jpg")
    assert item["unitPrice"] == usd(1250)
    assert item["quantity"] == 2
    assert item["lineTotal"] == usd(2500)
    assert cart["itemCount"] == 2
    assert cart["subtotal"] == usd(2500)


def test_guest_reads_and_extends_the_cart_by_its_id(api, make_product):
    p, q = make_product(stock=9, price=300), make_product(stock=9, price=700)
    cart_id = guest_add(api, {"productId": p["id"], "quantity": 1}).json["cartId"]
    r = guest_add(api, {"productId": p["id"], "quantity": 2}, cart_id)
    assert r.status == 201 and r.json["id"] == cart_id
    r = guest_add(api, {"productId": q["slug"], "quantity": 1}, cart_id)  # a slug works too
    assert r.status == 201
    got = api.get("/v2/cart", headers=as_guest(cart_id))
    assert got.status == 200
    assert got.headers["X-Cart-Id"] == cart_id
    assert [i["quantity"] for i in got.json["items"]] == [3, 1]
    assert got.json["itemCount"] == 4
    assert got.json["subtotal"] == usd(3 * 300 + 700)


def test_no_cart_reads_as_an_empty_one(api):
    for headers in (None, as_guest("0123456789abcdef0123456789abcdef")):
        r = api.get("/v2/cart", headers=headers)
        assert r.status == 200, r
        assert r.json["id"] is None and r.json["items"] == []
        assert r.json["itemCount"] == 0 and r.json["subtotal"] == usd(0)


def test_an_unknown_cart_id_gets_a_new_cart_not_the_one_it_names(api, make_product):
    p = make_product()
    made_up = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    r = guest_add(api, {"productId": p["id"], "quantity": 1}, made_up)
    assert r.status == 201
    assert r.json["id"] != made_up and r.headers["X-Cart-Id"] == r.json["id"]


def test_malformed_cart_id_is_a_validation_error(api):
    assert_error(api.get("/v2/cart", headers={"X-Cart-Id": "../../etc/passwd"}), 400,
                 "validation_failed", "X-Cart-Id")


# --- adding: variants, stock, unknown products, validation -----------------------------------

def test_variant_may_be_left_out_only_when_there_is_one(api, make_product):
    p = make_product(variants=[{"name": "S", "stock": 3, "price": usd(2000)},
                               {"name": "L", "stock": 10, "price": usd(2200)}])
    assert_error(guest_add(api, {"productId": p["id"], "quantity": 1}), 400,
                 "validation_failed", "variantId")
    large = p["variants"][1]
    r = guest_add(api, {"productId": p["id"], "variantId": large["id"], "quantity": 2})
    assert r.status == 201
    assert r.json["items"][0]["variantId"] == large["id"]
    assert r.json["items"][0]["lineTotal"] == usd(4400)


def test_unknown_product_or_variant_is_404(api, make_product):
    assert_error(guest_add(api, {"productId": "no-such-product", "quantity": 1}), 404)
    p = make_product()
    assert_error(guest_add(api, {"productId": p["id"], "variantId": "nope", "quantity": 1}), 404)


def test_more_than_in_stock_is_409_and_counts_what_the_cart_holds(api, make_product):
    p = make_product(stock=5)
    assert_error(guest_add(api, {"productId": p["id"], "quantity": 6}), 409, "insufficient_stock")
    cart_id = guest_add(api, {"productId": p["id"], "quantity": 4}).json["id"]
    assert_error(guest_add(api, {"productId": p["id"], "quantity": 2}, cart_id), 409,
                 "insufficient_stock")
    assert api.get("/v2/cart", headers=as_guest(cart_id)).json["itemCount"] == 4


@pytest.mark.parametrize("body,field", [
    ({"quantity": 1}, "productId"),
    ({"productId": "", "quantity": 1}, "productId"),
    ({"productId": 42, "quantity": 1}, "productId"),
    ({"productId": "x"}, "quantity"),
    ({"productId": "x", "quantity": 0}, "quantity"),
    ({"productId": "x", "quantity": -1}, "quantity"),
    ({"productId": "x", "quantity": 100}, "quantity"),
    ({"productId": "x", "quantity": 1.5}, "quantity"),
    ({"productId": "x", "quantity": "2"}, "quantity"),
    ({"productId": "x", "quantity": True}, "quantity"),
    ({"productId": "x", "quantity": 18446744073709551615}, "quantity"),
    ({"productId": "x", "variantId": 7, "quantity": 1}, "variantId"),
    ({"productId": "x", "quantity": 1, "price": 1}, "price"),
])
def test_bad_add_bodies_are_400_naming_the_field(api, body, field):
    assert_error(guest_add(api, body), 400, "validation_failed", field)


def test_body_must_be_a_json_object(api):
    assert_error(api.post("/v2/cart/items", raw=b"[1]",
                          headers={"Content-Type": "application/json"}), 400)
    assert_error(api.post("/v2/cart/items", raw=b"{", headers={"Content-Type": "application/json"}),
                 400)
    assert_error(api.post("/v2/cart/items", raw=b"quantity=1",
                          headers={"Content-Type": "text/plain"}), 415)


# --- changing and removing lines -------------------------------------------------------------

def test_patch_sets_the_quantity_and_zero_removes(api, make_product):
    p, q = make_product(stock=10, price=100), make_product(stock=10, price=200)
    cart_id = guest_add(api, {"productId": p["id"], "quantity": 1}).json["id"]
    cart = guest_add(api, {"productId": q["id"], "quantity": 1}, cart_id).json
    first, second = cart["items"][0]["id"], cart["items"][1]["id"]

    r = api.patch(f"/v2/cart/items/{first}", {"quantity": 7}, headers=as_guest(cart_id))
    assert r.status == 200, r
    assert r.json["items"][0]["quantity"] == 7 and r.json["subtotal"] == usd(700 + 200)

    assert_error(api.patch(f"/v2/cart/items/{first}", {"quantity": 11}, headers=as_guest(cart_id)),
                 409, "insufficient_stock")
    assert_error(api.patch(f"/v2/cart/items/{first}", {"quantity": -1}, headers=as_guest(cart_id)),
                 400, "validation_failed", "quantity")
    assert_error(api.patch(f"/v2/cart/items/{first}", {}, headers=as_guest(cart_id)),
                 400, "validation_failed", "quantity")
    assert_error(api.patch("/v2/cart/items/nope", {"quantity": 1}, headers=as_guest(cart_id)), 404)

    r = api.patch(f"/v2/cart/items/{first}", {"quantity": 0}, headers=as_guest(cart_id))
    assert r.status == 200
    assert [i["id"] for i in r.json["items"]] == [second]
    assert r.json["itemCount"] == 1


def test_delete_item_removes_the_line(api, make_product):
    p = make_product()
    cart = guest_add(api, {"productId": p["id"], "quantity": 2}).json
    item = cart["items"][0]["id"]
    r = api.delete(f"/v2/cart/items/{item}", headers=as_guest(cart["id"]))
    assert r.status == 200, r
    assert r.json["items"] == [] and r.json["itemCount"] == 0 and r.json["id"] == cart["id"]
    assert_error(api.delete(f"/v2/cart/items/{item}", headers=as_guest(cart["id"])), 404)
    assert_error(api.delete(f"/v2/cart/items/{item}"), 404)  # no cart named at all


def test_delete_cart_empties_it_and_is_idempotent(api, make_product):
    p = make_product()
    cart_id = guest_add(api, {"productId": p["id"], "quantity": 2}).json["id"]
    r = api.delete("/v2/cart", headers=as_guest(cart_id))
    assert r.status == 204 and not r.body
    got = api.get("/v2/cart", headers=as_guest(cart_id))
    assert got.json["items"] == [] and got.json["id"] is None
    assert api.delete("/v2/cart", headers=as_guest(cart_id)).status == 204
    assert api.delete("/v2/cart").status == 204


# --- user carts, privacy and the merge -------------------------------------------------------

def test_a_user_cart_follows_the_token(api, make_product):
    token = customer(api)
    p = make_product(stock=5, price=999)
    r = api.post("/v2/cart/items", {"productId": p["id"], "quantity": 2}, token=token)
    assert r.status == 201, r
    assert "X-Cart-Id" not in r.headers  # a user's cart is never addressed by id
    got = api.get("/v2/cart", token=token)
    assert got.status == 200 and got.json["id"] == r.json["id"]
    assert got.json["itemCount"] == 2 and got.json["subtotal"] == usd(1998)

    item = got.json["items"][0]["id"]
    assert api.patch(f"/v2/cart/items/{item}", {"quantity": 3}, token=token).json["itemCount"] == 3
    assert api.delete("/v2/cart", token=token).status == 204
    assert api.get("/v2/cart", token=token).json["items"] == []


def test_nobody_else_can_read_or_change_a_users_cart(api, make_product):
    owner, other = customer(api), customer(api)
    p = make_product(stock=5)
    cart = api.post("/v2/cart/items", {"productId": p["id"], "quantity": 1}, token=owner).json
    item = cart["items"][0]["id"]

    assert api.get("/v2/cart", token=other).json["items"] == []
    # The user cart's id used as a guest cart id finds nothing.
    as_id = api.get("/v2/cart", headers=as_guest(cart["id"]))
    assert as_id.status == 200 and as_id.json["items"] == [] and as_id.json["id"] is None
    assert_error(api.patch(f"/v2/cart/items/{item}", {"quantity": 2}, headers=as_guest(cart["id"])), 404)
    assert_error(api.delete(f"/v2/cart/items/{item}", token=other), 404)
    assert api.delete("/v2/cart", headers=as_guest(cart["id"])).status == 204
    assert api.get("/v2/cart", token=owner).json["itemCount"] == 1


def test_a_bad_token_is_401_not_a_guest(api):
    assert_error(api.get("/v2/cart", token="not-a-jwt"), 401)


def test_token_and_cart_id_merge_the_guest_cart_into_the_users(api, make_product):
    token = customer(api)
    scarce, plenty = make_product(stock=5, price=100), make_product(stock=20, price=50)
    api.post("/v2/cart/items", {"productId": scarce["id"], "quantity": 4}, token=token)
    guest_id = guest_add(api, {"productId": scarce["id"], "quantity": 3}).json["id"]
    guest_add(api, {"productId": plenty["id"], "quantity": 6}, guest_id)

    r = api.get("/v2/cart", token=token, headers=as_guest(guest_id))
    assert r.status == 200, r
    by_product = {i["productId"]: i["quantity"] for i in r.json["items"]}
    assert by_product == {scarce["id"]: 5, plenty["id"]: 6}  # 4 + 3 capped at the 5 in stock
    assert r.json["subtotal"] == usd(5 * 100 + 6 * 50)
    assert "X-Cart-Id" not in r.headers

    # The guest cart is gone, and sending its id again merges nothing twice.
    assert api.get("/v2/cart", headers=as_guest(guest_id)).json["items"] == []
    again = api.get("/v2/cart", token=token, headers=as_guest(guest_id))
    assert again.json["itemCount"] == 11


def test_merge_happens_on_a_write_too(api, make_product):
    token = customer(api)
    p, q = make_product(stock=5), make_product(stock=5)
    guest_id = guest_add(api, {"productId": p["id"], "quantity": 2}).json["id"]
    r = api.post("/v2/cart/items", {"productId": q["id"], "quantity": 1}, token=token,
                 headers=as_guest(guest_id))
    assert r.status == 201
    assert {i["productId"] for i in r.json["items"]} == {p["id"], q["id"]}


# --- re-pricing ------------------------------------------------------------------------------

def test_every_read_is_priced_from_the_catalog_now(api, admin, make_product):
    p = make_product(stock=5, price=1000)
    variant = p["variants"][0]
    cart_id = guest_add(api, {"productId": p["id"], "quantity": 2}).json["id"]
    r = api.patch(f"/v2/admin/products/{p['id']}", {"variants": [
        {"id": variant["id"], "sku": variant["sku"], "name": variant["name"], "price": usd(800)}]},
        token=admin)
    assert r.status == 200, r
    got = api.get("/v2/cart", headers=as_guest(cart_id)).json
    assert got["items"][0]["unitPrice"] == usd(800)
    assert got["subtotal"] == usd(1600)


def test_an_archived_product_leaves_the_totals(api, admin, make_product):
    keep, gone = make_product(stock=5, price=100), make_product(stock=5, price=900)
    cart_id = guest_add(api, {"productId": keep["id"], "quantity": 1}).json["id"]
    gone_item = guest_add(api, {"productId": gone["id"], "quantity": 1}, cart_id).json["items"][1]["id"]
    assert api.delete(f"/v2/admin/products/{gone['id']}", token=admin).status == 200

    got = api.get("/v2/cart", headers=as_guest(cart_id)).json
    assert [i["productId"] for i in got["items"]] == [keep["id"]]
    assert got["subtotal"] == usd(100) and got["itemCount"] == 1
    assert [i["productId"] for i in got["unavailableItems"]] == [gone["id"]]
    # It cannot be bought any more, only removed.
    assert_error(guest_add(api, {"productId": gone["id"], "quantity": 1}, cart_id), 404)
    assert_error(api.patch(f"/v2/cart/items/{gone_item}", {"quantity": 2},
                           headers=as_guest(cart_id)), 409, "item_unavailable")
    r = api.delete(f"/v2/cart/items/{gone_item}", headers=as_guest(cart_id))
    assert r.status == 200 and r.json["unavailableItems"] == []


# --- concurrency -----------------------------------------------------------------------------

def test_concurrent_adds_to_one_cart_lose_nothing(api, make_product):
    token = customer(api)
    p = make_product(stock=50)
    api.post("/v2/cart/items", {"productId": p["id"], "quantity": 1}, token=token)
    statuses = []

    def add():
        statuses.append(api.post("/v2/cart/items", {"productId": p["id"], "quantity": 1},
                                 token=token).status)

    threads = [threading.Thread(target=add) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [201] * 10
    assert api.get("/v2/cart", token=token).json["items"][0]["quantity"] == 11

"""Catalog changes that reach other services only through events, end to end over HTTP:
paid orders make products popular (the `popular` sort and search's ranking), and a
category renamed or moved reaches the search index. On SQLite and PostgreSQL."""
import urllib.parse
import uuid

import pytest

from catalog_helpers import admin_token, product_body, wait_until
from checkout_helpers import add_to_cart, checkout, customer, wait_for_status
from conftest import assert_error


@pytest.fixture(scope="module")
def admin(server, api):
    return admin_token(server, api)


def new_category(api, admin, parent=None, name=None):
    body = {"name": name or f"Events {uuid.uuid4().hex[:6]}"}
    if parent:
        body["parentId"] = parent
    r = api.post("/v2/admin/categories", body, token=admin)
    assert r.status == 201, r
    return r.json


def new_product(api, admin, category_id, name, stock=10):
    r = api.post("/v2/admin/products", product_body(category_id, name=name,
                                                   variants=[{"sku": f"EV-{uuid.uuid4().hex[:8]}",
                                                              "stock": stock}]), token=admin)
    assert r.status == 201, r
    return r.json


def search(api, **params):
    r = api.get("/v2/search?" + urllib.parse.urlencode(params))
    assert r.status == 200, r
    return r.json


def ids(items):
    return [p["id"] for p in items]


def buy(api, product, quantity):
    token, _ = customer(api)
    add_to_cart(api, product, quantity, token=token)
    r = checkout(api, token=token)
    assert r.status == 201, r
    assert r.json["status"] == "paid", r
    return token, r.json


# --- popularity from paid orders ---------------------------------------------------------------

def test_a_paid_order_makes_its_product_more_popular(api, admin):
    cat = new_category(api, admin)
    word = "quokkalamp" + uuid.uuid4().hex[:6]
    bought = new_product(api, admin, cat["id"], f"Bought {word}")
    other = new_product(api, admin, cat["id"], f"Other {word}")  # newer: first on a tie

    def popular_list():
        return ids(api.get(f"/v2/products?category={cat['slug']}&sort=popular").json["items"])

    def popular_search():
        return ids(search(api, q=word, sort="popular")["items"])

    assert popular_list() == [other["id"], bought["id"]]
    assert wait_until(lambda: popular_search() == [other["id"], bought["id"]], timeout=10)

    token, order = buy(api, bought, 2)

    assert wait_until(lambda: popular_list() == [bought["id"], other["id"]], timeout=10), \
        popular_list()
    assert wait_until(lambda: popular_search() == [bought["id"], other["id"]], timeout=10), \
        popular_search()
    # Relevance with the popularity boost: equally relevant, the best seller comes first.
    assert wait_until(lambda: ids(search(api, q=word)["items"])[0] == bought["id"], timeout=10)

    # Cancelling the paid order (a refund) takes its units back.
    r = api.post(f"/v2/orders/{order['id']}/cancel", token=token)
    assert r.status == 200, r
    wait_for_status(api, order["id"], "cancelled", token)
    assert wait_until(lambda: popular_list() == [other["id"], bought["id"]], timeout=10), \
        popular_list()
    assert wait_until(lambda: popular_search() == [other["id"], bought["id"]], timeout=10)


def test_a_declined_payment_changes_no_popularity(api, admin):
    cat = new_category(api, admin)
    older = new_product(api, admin, cat["id"], f"Declined {uuid.uuid4().hex[:6]}")
    newer = new_product(api, admin, cat["id"], f"Declined {uuid.uuid4().hex[:6]}")
    token, _ = customer(api)
    add_to_cart(api, older, 2, token=token)
    r = checkout(api, token=token, card="4000000000000002")
    assert r.status in (201, 402, 409), r
    # Had the declined order counted, the older product (2 units) would outrank the newer
    # one (1 unit, paid later: its event comes after the declined order's).
    buy(api, newer, 1)
    assert wait_until(lambda: ids(api.get(
        f"/v2/products?category={cat['slug']}&sort=popular").json["items"]) ==
        [newer["id"], older["id"]], timeout=10)
    popular = api.get(f"/v2/products?category={cat['slug']}&sort=popular&limit=1").json
    second = api.get(f"/v2/products?category={cat['slug']}&sort=popular&limit=1&cursor="
                     f"{popular['nextCursor']}").json
    assert ids(second["items"]) == [older["id"]]


# --- category changes reach search ---------------------------------------------------------------

def test_a_renamed_category_reaches_search(api, admin):
    cat = new_category(api, admin)
    word = "wombatvase" + uuid.uuid4().hex[:6]
    p = new_product(api, admin, cat["id"], f"Vase {word}")
    assert wait_until(lambda: search(api, q=word, category=cat["slug"])["total"] == 1, timeout=10)

    new_slug = "renamed-" + uuid.uuid4().hex[:6]
    r = api.patch(f"/v2/admin/categories/{cat['id']}", {"name": "Renamed Vases", "slug": new_slug},
                  token=admin)
    assert r.status == 200, r

    def renamed():
        body = search(api, q=word, category=new_slug)
        return body if body["total"] == 1 else None
    body = wait_until(renamed, timeout=10)
    assert body, search(api, q=word)
    assert body["items"][0]["category"] == {"id": cat["id"], "slug": new_slug,
                                            "name": "Renamed Vases"}
    facet = {f["value"]: f for f in body["facets"]["category"]}
    assert facet[new_slug]["count"] == 1 and facet[new_slug].get("label") == "Renamed Vases"
    assert search(api, q=word, category=cat["slug"])["total"] == 0  # the old slug is gone
    # The category's new name is also a search word for its products.
    assert wait_until(lambda: p["id"] in ids(search(api, q=f"renamed {word}")["items"]), timeout=10)
    # And the public reads were invalidated.
    assert api.get(f"/v2/products/{p['id']}").json["category"]["slug"] == new_slug


def test_a_moved_category_reaches_search_with_its_sub_categories(api, admin):
    old_parent = new_category(api, admin)
    new_parent = new_category(api, admin)
    moved = new_category(api, admin, parent=old_parent["id"])
    below = new_category(api, admin, parent=moved["id"])
    word = "numbatjar" + uuid.uuid4().hex[:6]
    p = new_product(api, admin, below["id"], f"Jar {word}")
    assert wait_until(lambda: search(api, q=word, category=old_parent["slug"])["total"] == 1,
                      timeout=10)
    assert search(api, q=word, category=new_parent["slug"])["total"] == 0

    r = api.patch(f"/v2/admin/categories/{moved['id']}", {"parentId": new_parent["id"]},
                  token=admin)
    assert r.status == 200, r
    assert wait_until(lambda: search(api, q=word, category=new_parent["slug"])["total"] == 1,
                      timeout=10), search(api, q=word)
    assert search(api, q=word, category=old_parent["slug"])["total"] == 0
    assert search(api, q=word, category=moved["slug"])["total"] == 1
    # The catalog's own filter agrees.
    listed = ids(api.get(f"/v2/products?category={new_parent['slug']}").json["items"])
    assert listed == [p["id"]]
    assert_error(api.get(f"/v2/products?category=no-such-{word}"), 400, "validation_failed",
                 "category")

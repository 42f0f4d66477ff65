"""GET /v2/products/{id}/recommendations end to end: a scripted purchase history, then the
products bought together with the target (most shared orders first), then its category's best
sellers — never the product itself, never a sold-out or archived product. FEATURE_RECOMMENDATIONS
=false answers 404 feature_disabled. On SQLite and, when UM_TEST_DATABASE_URL is set, PostgreSQL."""
import pytest

from catalog_helpers import assert_product_shape
from checkout_helpers import add_to_cart, admin_token, category, checkout, customer, make_product
from conftest import Api, ServerProcess, assert_error, stores
from notification_helpers import wait_until


@pytest.fixture(scope="module", params=stores())
def server(request):
    s = ServerProcess(request.param, extra_env={"SHIPPING_FLAT_RATE": "0"}).start()
    yield s
    s.stop()


def buy(api, token, *products):
    for p in products:
        add_to_cart(api, p, 1, token=token)
    r = checkout(api, token=token)
    assert r.status == 201 and r.json["status"] == "paid", r
    # The paid cart is emptied by the order service shortly after the answer; the next
    # purchase starts once it is, or the emptying could take that purchase's items.
    assert wait_until(lambda: api.get("/v2/cart", token=token).json["items"] == [])
    return r.json


def recommended(api, product_id, query=""):
    r = api.get(f"/v2/products/{product_id}/recommendations{query}")
    assert r.status == 200, r
    return r.json["items"]


def ids(items):
    return [p["id"] for p in items]


@pytest.fixture(scope="module")
def history(server, api):
    """Category A: x (the target), y, z, w, u, s, v; category B: q."""
    admin = admin_token(server, api)
    a, b = category(api, admin), category(api, admin)
    x, y, z, w, u, s, v = (make_product(api, admin, a, stock=20) for _ in range(7))
    q = make_product(api, admin, b, stock=20)
    token, _ = customer(api)
    buy(api, token, x, y)           # with x: y 1
    buy(api, token, x, y, z)        # y 2, z 1
    buy(api, token, x, y, z, q)     # y 3, z 2, q 1
    for _ in range(3):
        buy(api, token, w)          # w: the category's best seller, never with x
    buy(api, token, x, s)           # s 1 ... then s sells out
    buy(api, token, x, v)           # v 1 ... then v is archived
    r = api.put(f"/v2/admin/variants/{s['variants'][0]['id']}/stock", {"stock": 0}, token=admin)
    assert r.status == 200, r
    r = api.delete(f"/v2/admin/products/{v['id']}", token=admin)
    assert r.status in (200, 204), r
    return {"admin": admin, "x": x, "y": y, "z": z, "w": w, "u": u, "s": s, "v": v, "q": q}


def test_bought_together_first_then_the_categorys_best_sellers(api, history):
    h = history
    # y, z, q by shared orders (3, 2, 1); then category A by units sold: w (3), u (none yet).
    expected = [h["y"]["id"], h["z"]["id"], h["q"]["id"], h["w"]["id"], h["u"]["id"]]
    got = wait_until(lambda: ids(recommended(api, h["x"]["id"])) == expected, timeout=20)
    assert got, (ids(recommended(api, h["x"]["id"])), expected)
    items = recommended(api, h["x"]["id"])
    for p in items:
        assert_product_shape(p)
        assert p["status"] == "active" and p["stock"] > 0
    assert h["x"]["id"] not in ids(items)          # never the product itself
    assert h["s"]["id"] not in ids(items)          # never sold out
    assert h["v"]["id"] not in ids(items)          # never archived


def test_slugs_and_limits_work_like_ids(api, history):
    h = history
    by_id = ids(recommended(api, h["x"]["id"]))
    assert ids(recommended(api, h["x"]["slug"])) == by_id
    assert ids(recommended(api, h["x"]["id"], "?limit=2")) == by_id[:2]
    assert_error(api.get(f"/v2/products/{h['x']['id']}/recommendations?limit=0"), 400, field="limit")
    assert_error(api.get(f"/v2/products/{h['x']['id']}/recommendations?limit=many"), 400, field="limit")


def test_recommendations_work_across_categories(api, history):
    h = history
    # q was bought once, with x, y and z; its own category has nothing else.
    got = wait_until(lambda: set(ids(recommended(api, h["q"]["id"]))) ==
                     {h["x"]["id"], h["y"]["id"], h["z"]["id"]})
    assert got, ids(recommended(api, h["q"]["id"]))


def test_a_product_without_history_gets_its_categorys_best_sellers(api, history):
    h = history
    # Units sold in category A: x 5, y 3, w 3, z 2; s is sold out, v archived, u is the target.
    got = ids(recommended(api, h["u"]["id"]))
    assert got[0] == h["x"]["id"], got
    assert set(got[1:3]) == {h["y"]["id"], h["w"]["id"]}, got
    assert got[3:] == [h["z"]["id"]], got


def test_a_sold_out_product_disappears_at_once(api, history):
    h = history
    r = api.put(f"/v2/admin/variants/{h['z']['variants'][0]['id']}/stock", {"stock": 0}, token=h["admin"])
    assert r.status == 200, r
    # Checked live with the catalog: gone from the very next answer.
    assert h["z"]["id"] not in ids(recommended(api, h["x"]["id"]))
    r = api.put(f"/v2/admin/variants/{h['z']['variants'][0]['id']}/stock", {"stock": 5}, token=h["admin"])
    assert r.status == 200, r
    assert wait_until(lambda: h["z"]["id"] in ids(recommended(api, h["x"]["id"])))


def test_unknown_products_are_404(api):
    assert_error(api.get("/v2/products/no-such-product/recommendations"), 404)


def test_recommendations_can_be_turned_off():
    s = ServerProcess(stores()[0], extra_env={"FEATURE_RECOMMENDATIONS": "false"}).start()
    try:
        api = Api(s.url)
        admin = admin_token(s, api)
        p = make_product(api, admin, category(api, admin))
        assert_error(api.get(f"/v2/products/{p['id']}/recommendations"), 404, "feature_disabled")
        assert api.get(f"/v2/products/{p['id']}").status == 200  # the catalog is untouched
    finally:
        s.stop()

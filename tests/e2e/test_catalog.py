"""Catalog over HTTP: public lists and details (keyset pages, filters, sorts, caching
headers), categories, the admin routes and the seed command, on SQLite and PostgreSQL."""
import urllib.parse
import uuid

import pytest

from catalog_helpers import (admin_token, assert_product_shape, customer_token, product_body,
                             seed, usd)
from conftest import assert_error

SORTS = {
    "newest": (lambda p: p["id"], True),
    "price_asc": (lambda p: (p["price"]["amount"], p["id"]), False),
    "price_desc": (lambda p: (p["price"]["amount"], p["id"]), True),
    "name": (lambda p: (p["name"], p["id"]), False),
}


@pytest.fixture(scope="module")
def seeded(server):
    return seed(server, 60)


@pytest.fixture(scope="module")
def admin(server, api):
    return admin_token(server, api)


@pytest.fixture(scope="module")
def categories(api, seeded):
    r = api.get("/v2/categories")
    assert r.status == 200
    return {c["slug"]: c for c in r.json["items"]}


def walk(api, query, limit=7, path="/v2/products", token=None):
    """Every item of a keyset-paged list, following nextCursor: (items, total)."""
    items, cursor = [], None
    for _ in range(200):
        q = dict(query, limit=limit)
        if cursor:
            q["cursor"] = cursor
        r = api.get(path + "?" + urllib.parse.urlencode(q), token=token)
        assert r.status == 200, r
        items += r.json["items"]
        cursor = r.json["nextCursor"]
        if cursor is None:
            return items, r.json["total"]
    raise AssertionError("pagination never ended")


# --- seed ------------------------------------------------------------------------------------

def test_seed_builds_a_realistic_catalog(api, seeded):
    r = api.get("/v2/products?limit=100")
    assert r.status == 200
    body = r.json
    assert body["total"] == 60 and len(body["items"]) == 60 and body["nextCursor"] is None
    for p in body["items"]:
        assert_product_shape(p)
        assert p["images"] and p["description"] and p["brand"]
    assert len({p["brand"] for p in body["items"]}) > 5
    assert any(len(p["variants"]) > 1 for p in body["items"])


# --- lists -----------------------------------------------------------------------------------

def test_list_has_the_contract_shape_and_cache_headers(api, seeded):
    r = api.get("/v2/products")
    assert r.status == 200
    assert len(r.json["items"]) == 20
    assert isinstance(r.json["total"], int) and r.json["total"] >= 60
    assert isinstance(r.json["nextCursor"], str)
    assert r.headers["Cache-Control"].startswith("public, max-age=")
    etag = r.headers["ETag"]
    assert etag
    again = api.get("/v2/products", headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert again.headers["ETag"] == etag


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_keyset_pages_cover_everything_once_in_order(api, seeded, sort):
    items, total = walk(api, {"sort": sort})
    ids = [p["id"] for p in items]
    assert len(ids) == len(set(ids)) == total
    key, reverse = SORTS[sort]
    if sort == "name":
        # Collation is the store's; within one name the id breaks ties.
        return
    assert [key(p) for p in items] == sorted((key(p) for p in items), reverse=reverse)


def test_popular_sort_pages_without_duplicates(api, seeded):
    items, total = walk(api, {"sort": "popular"})
    assert len({p["id"] for p in items}) == total


def test_category_filter_includes_sub_categories(api, categories):
    root = categories["clothing"]
    children = {c["slug"] for c in categories.values() if c["parentId"] == root["id"]}
    assert children
    items, total = walk(api, {"category": "clothing"}, limit=50)
    assert total == root["productCount"]
    assert all(p["category"]["slug"] in children for p in items)
    by_id, _ = walk(api, {"category": root["id"]}, limit=50)
    assert {p["id"] for p in by_id} == {p["id"] for p in items}


def test_price_and_stock_filters(api, seeded):
    items, _ = walk(api, {"minPrice": 2000, "maxPrice": 10000}, limit=50)
    assert items and all(2000 <= p["price"]["amount"] <= 10000 for p in items)
    in_stock, n_in = walk(api, {"inStock": "true"}, limit=50)
    assert all(p["stock"] > 0 for p in in_stock)
    out_of_stock, n_out = walk(api, {"inStock": "false"}, limit=50)
    assert all(p["stock"] == 0 for p in out_of_stock)
    assert n_in + n_out == api.get("/v2/products").json["total"]


@pytest.mark.parametrize("query,field", [
    ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"),
    ("sort=cheapest", "sort"), ("cursor=not-a-cursor", "cursor"), ("minPrice=abc", "minPrice"),
    ("maxPrice=-1", "maxPrice"), ("minPrice=500&maxPrice=100", "maxPrice"),
    ("inStock=maybe", "inStock"), ("category=no-such-category", "category"),
])
def test_bad_list_parameters_are_400_with_the_field(api, query, field):
    assert_error(api.get("/v2/products?" + query), 400, "validation_failed", field)


def test_a_cursor_belongs_to_its_sort(api, seeded):
    cursor = api.get("/v2/products?limit=5&sort=price_asc").json["nextCursor"]
    assert_error(api.get(f"/v2/products?sort=name&cursor={cursor}"), 400, "validation_failed",
                 "cursor")


# --- details ---------------------------------------------------------------------------------

def test_product_by_id_and_by_slug(api, seeded):
    p = api.get("/v2/products?limit=1").json["items"][0]
    by_id = api.get(f"/v2/products/{p['id']}")
    by_slug = api.get(f"/v2/products/{p['slug']}")
    assert by_id.status == by_slug.status == 200
    assert by_id.json == by_slug.json == p
    assert by_id.headers["Cache-Control"].startswith("public")
    assert api.get(f"/v2/products/{p['id']}",
                   headers={"If-None-Match": by_id.headers["ETag"]}).status == 304


def test_unknown_product_is_404(api):
    assert_error(api.get("/v2/products/no-such-product"), 404, "not_found")


def test_method_not_allowed(api):
    assert api.post("/v2/products", {"name": "x"}).status == 405


# --- categories ------------------------------------------------------------------------------

def test_categories_form_a_tree_with_counts(api, categories):
    assert len(categories) >= 12
    for c in categories.values():
        assert set(c) >= {"id", "slug", "name", "parentId", "productCount"}
    ids = {c["id"] for c in categories.values()}
    roots = [c for c in categories.values() if c["parentId"] is None]
    assert roots and all(c["parentId"] in ids for c in categories.values() if c["parentId"])
    for root in roots:
        kids = [c for c in categories.values() if c["parentId"] == root["id"]]
        if kids:
            assert root["productCount"] == sum(k["productCount"] for k in kids)


# --- admin -----------------------------------------------------------------------------------

def test_admin_routes_need_an_admin(api, seeded):
    assert_error(api.post("/v2/admin/products", {}), 401)
    assert_error(api.put("/v2/admin/variants/x/stock", {"stock": 1}), 401)
    token = customer_token(api)
    assert_error(api.post("/v2/admin/products", {}, token=token), 403)
    assert_error(api.post("/v2/admin/categories", {"name": "x"}, token=token), 403)


def test_admin_creates_a_product_seen_publicly(api, admin, categories):
    cat = categories["decor"]
    body = product_body(cat["id"], compareAtPrice=usd(3000),
                        variants=[{"sku": f"V-{uuid.uuid4().hex[:6]}", "name": "Small", "stock": 2},
                                  {"sku": f"V-{uuid.uuid4().hex[:6]}", "name": "Large",
                                   "stock": 3, "price": usd(3500)}])
    r = api.post("/v2/admin/products", body, token=admin)
    assert r.status == 201, r
    p = r.json
    assert_product_shape(p)
    assert p["variants"][0]["price"] == usd(2500)  # no price: the product's
    assert p["variants"][1]["price"] == usd(3500)
    assert p["stock"] == 5 and p["compareAtPrice"] == usd(3000)
    assert p["images"][0].endswith("/products/lantern/1.jpg")
    assert p["category"]["slug"] == "decor"
    assert api.get(f"/v2/products/{p['slug']}").json["id"] == p["id"]
    newest = api.get("/v2/products?limit=1").json["items"][0]
    assert newest["id"] == p["id"]  # the cached list was invalidated


@pytest.mark.parametrize("change,field", [
    ({"name": ""}, "name"),
    ({"price": 2500}, "price"),
    ({"price": usd(-1)}, "price"),
    ({"price": {"amount": 100, "currency": "EUR"}}, "price"),
    ({"compareAtPrice": usd(100)}, "compareAtPrice"),
    ({"categoryId": "no-such-category"}, "categoryId"),
    ({"status": "deleted"}, "status"),
    ({"variants": []}, "variants"),
    ({"variants": [{"sku": "bad sku!", "stock": 1}]}, "variants[0].sku"),
    ({"variants": [{"sku": "NEG-1", "stock": -1}]}, "variants[0].stock"),
    ({"variants": [{"sku": "DUP-1", "stock": 1}, {"sku": "DUP-1", "stock": 1}]}, "variants[1].sku"),
])
def test_create_validation(api, admin, categories, change, field):
    body = product_body(categories["decor"]["id"])
    body.update(change)
    assert_error(api.post("/v2/admin/products", body, token=admin), 400, "validation_failed", field)


def test_create_rejects_a_taken_sku_and_non_json(api, admin, categories):
    first = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin)
    assert first.status == 201
    again = product_body(categories["decor"]["id"],
                         variants=[{"sku": first.json["variants"][0]["sku"], "stock": 1}])
    assert_error(api.post("/v2/admin/products", again, token=admin), 409, "sku_taken")
    assert_error(api.request("POST", "/v2/admin/products", raw=b"name=x",
                             headers={"Content-Type": "application/x-www-form-urlencoded"},
                             token=admin), 415)
    assert_error(api.request("POST", "/v2/admin/products", raw=b"{nope",
                             headers={"Content-Type": "application/json"}, token=admin),
                 400, "malformed_json")


def test_patch_updates_and_invalidates_the_cache(api, admin, categories):
    p = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin).json
    before = api.get(f"/v2/products/{p['id']}")
    r = api.patch(f"/v2/admin/products/{p['id']}",
                  {"name": "Renamed Lantern", "price": usd(1999), "compareAtPrice": None,
                   "variants": [{"id": p["variants"][0]["id"], "name": "Only"},
                                {"sku": f"ADD-{uuid.uuid4().hex[:6]}", "stock": 6}]},
                  token=admin)
    assert r.status == 200, r
    assert r.json["name"] == "Renamed Lantern" and r.json["price"] == usd(1999)
    assert [v["name"] for v in r.json["variants"]] == ["Only", "Default"]
    assert r.json["stock"] == 10
    after = api.get(f"/v2/products/{p['id']}")
    assert after.json["name"] == "Renamed Lantern"
    assert after.headers["ETag"] != before.headers["ETag"]
    assert api.get(f"/v2/products/{p['id']}",
                   headers={"If-None-Match": before.headers["ETag"]}).status == 200
    assert_error(api.patch(f"/v2/admin/products/{p['id']}", {"price": usd(-5)}, token=admin),
                 400, "validation_failed", "price")
    assert_error(api.patch("/v2/admin/products/nope", {"name": "x"}, token=admin), 404)


def test_stock_is_set_per_variant(api, admin, categories):
    p = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin).json
    vid = p["variants"][0]["id"]
    r = api.put(f"/v2/admin/variants/{vid}/stock", {"stock": 0}, token=admin)
    assert r.status == 200 and r.json["stock"] == 0
    assert api.get(f"/v2/products/{p['id']}").json["stock"] == 0
    r = api.put(f"/v2/admin/variants/{vid}/stock", {"stock": 12}, token=admin)
    assert r.json["variants"][0]["stock"] == 12
    assert_error(api.put(f"/v2/admin/variants/{vid}/stock", {"stock": -1}, token=admin), 400,
                 "validation_failed", "stock")
    assert_error(api.put(f"/v2/admin/variants/{vid}/stock", {"stock": "x"}, token=admin), 400,
                 "validation_failed", "stock")
    assert_error(api.put("/v2/admin/variants/nope/stock", {"stock": 1}, token=admin), 404)


def test_delete_archives(api, admin, categories):
    p = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin).json
    r = api.delete(f"/v2/admin/products/{p['id']}", token=admin)
    assert r.status == 200 and r.json["status"] == "archived"
    assert_error(api.get(f"/v2/products/{p['id']}"), 404)
    assert api.get(f"/v2/admin/products/{p['id']}", token=admin).json["status"] == "archived"
    assert_error(api.delete("/v2/admin/products/nope", token=admin), 404)


def test_draft_products_stay_hidden(api, admin, categories):
    p = api.post("/v2/admin/products", product_body(categories["decor"]["id"], status="draft"),
                 token=admin).json
    assert_error(api.get(f"/v2/products/{p['id']}"), 404)
    ids = {x["id"] for x in api.get("/v2/products?limit=100&category=decor").json["items"]}
    assert p["id"] not in ids


def test_category_admin(api, admin, categories):
    parent = api.post("/v2/admin/categories", {"name": f"Garden {uuid.uuid4().hex[:6]}"},
                      token=admin)
    assert parent.status == 201, parent
    child = api.post("/v2/admin/categories", {"name": "Tools", "slug": f"tools-{uuid.uuid4().hex[:6]}",
                                              "parentId": parent.json["id"]}, token=admin)
    assert child.status == 201 and child.json["parentId"] == parent.json["id"]
    assert_error(api.post("/v2/admin/categories", {"name": "x", "slug": child.json["slug"]},
                          token=admin), 409, "slug_taken")
    assert_error(api.post("/v2/admin/categories", {"name": ""}, token=admin), 400,
                 "validation_failed", "name")
    assert_error(api.post("/v2/admin/categories", {"name": "x", "parentId": "nope"}, token=admin),
                 400, "validation_failed", "parentId")
    assert_error(api.patch(f"/v2/admin/categories/{parent.json['id']}",
                           {"parentId": child.json["id"]}, token=admin), 400, "validation_failed",
                 "parentId")
    renamed = api.patch(f"/v2/admin/categories/{child.json['id']}", {"name": "Hand Tools"},
                        token=admin)
    assert renamed.status == 200 and renamed.json["name"] == "Hand Tools"
    listed = {c["id"]: c for c in api.get("/v2/categories").json["items"]}
    assert listed[child.json["id"]]["name"] == "Hand Tools"
    assert_error(api.delete(f"/v2/admin/categories/{parent.json['id']}", token=admin), 409,
                 "category_not_empty")
    assert api.delete(f"/v2/admin/categories/{child.json['id']}", token=admin).status == 204
    assert api.delete(f"/v2/admin/categories/{parent.json['id']}", token=admin).status == 204
    assert_error(api.delete(f"/v2/admin/categories/{parent.json['id']}", token=admin), 404)
    assert_error(api.patch("/v2/admin/categories/nope", {"name": "x"}, token=admin), 404)


def test_pages_stay_correct_while_products_are_added(api, admin, categories, seeded):
    first = api.get("/v2/products?limit=5&sort=newest").json
    second = api.get(f"/v2/products?limit=5&sort=newest&cursor={first['nextCursor']}").json
    api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin)
    again = api.get(f"/v2/products?limit=5&sort=newest&cursor={first['nextCursor']}").json
    assert [p["id"] for p in again["items"]] == [p["id"] for p in second["items"]]


# --- contract coverage: every admin route is for admins, and the remaining statuses -----------

ADMIN_ROUTES = [
    ("GET", "/v2/admin/products"),
    ("POST", "/v2/admin/products"),
    ("GET", "/v2/admin/products/some-id"),
    ("PATCH", "/v2/admin/products/some-id"),
    ("DELETE", "/v2/admin/products/some-id"),
    ("PUT", "/v2/admin/variants/some-id/stock"),
    ("POST", "/v2/admin/categories"),
    ("PATCH", "/v2/admin/categories/some-id"),
    ("DELETE", "/v2/admin/categories/some-id"),
]


@pytest.fixture(scope="module")
def customer(api):
    return customer_token(api)


@pytest.mark.parametrize("method,path", ADMIN_ROUTES)
def test_every_admin_route_is_401_without_a_token_and_403_for_a_customer(api, customer, method,
                                                                           path):
    body = {} if method in ("POST", "PATCH", "PUT") else None
    assert_error(api.request(method, path, body=body), 401)
    assert_error(api.request(method, path, body=body, token="not-a-token"), 401)
    assert_error(api.request(method, path, body=body, token=customer), 403)


def test_product_detail_and_categories_answer_304_to_a_known_etag(api, seeded):
    some = api.get("/v2/products?limit=1").json["items"][0]
    for path in (f"/v2/products/{some['id']}", f"/v2/products/{some['slug']}", "/v2/categories"):
        first = api.get(path)
        assert first.status == 200 and first.headers["ETag"], path
        assert first.headers["Cache-Control"].startswith("public, max-age=")
        again = api.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status == 304 and again.body == b"", path
        assert again.headers["ETag"] == first.headers["ETag"]
        assert again.headers["X-Request-Id"]


def test_head_of_a_cached_list_has_the_headers_and_no_body(api, seeded):
    get = api.get("/v2/products?limit=3")
    head = api.request("HEAD", "/v2/products?limit=3")
    assert head.status == 200 and head.body == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert int(head.headers["Content-Length"]) == len(get.body)


def test_admin_missing_things_are_404(api, admin):
    assert_error(api.get("/v2/admin/products/nope", token=admin), 404, "not_found")
    assert_error(api.delete("/v2/admin/categories/nope", token=admin), 404)


def test_patch_conflicts_are_409(api, admin, categories):
    one = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin).json
    two = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin).json
    assert_error(api.patch(f"/v2/admin/products/{two['id']}", {"slug": one["slug"]}, token=admin),
                 409, "slug_taken")
    assert_error(api.patch(f"/v2/admin/products/{two['id']}",
                           {"variants": [{"id": two["variants"][0]["id"],
                                          "sku": one["variants"][0]["sku"]}]}, token=admin),
                 409, "sku_taken")
    a = api.post("/v2/admin/categories", {"name": f"Conflict {uuid.uuid4().hex[:6]}"}, token=admin).json
    b = api.post("/v2/admin/categories", {"name": f"Conflict {uuid.uuid4().hex[:6]}"}, token=admin).json
    assert_error(api.patch(f"/v2/admin/categories/{b['id']}", {"slug": a["slug"]}, token=admin),
                 409, "slug_taken")
    assert_error(api.patch(f"/v2/admin/products/{two['id']}", {"name": 5}, token=admin),
                 400, "validation_failed", "name")
    assert_error(api.request("PATCH", f"/v2/admin/products/{two['id']}", raw=b"name=x",
                             headers={"Content-Type": "text/plain"}, token=admin), 415)


# --- admin list (an extension to the contract: docs/catalog.md) --------------------------------

def admin_walk(api, admin, query, limit=4):
    return walk(api, query, limit, path="/v2/admin/products", token=admin)


def test_admin_list_shows_every_status_and_filters_by_status_and_text(api, admin, categories):
    tag = uuid.uuid4().hex[:8]
    made = {}
    for status in ("active", "draft", "archived"):
        body = product_body(categories["decor"]["id"], name=f"Admin Lamp {tag} {status}",
                            status=status,
                            variants=[{"sku": f"ADM-{tag}-{status}".upper(), "stock": 1}])
        r = api.post("/v2/admin/products", body, token=admin)
        assert r.status == 201, r
        made[status] = r.json

    everything, total = admin_walk(api, admin, {"q": tag})
    assert total == 3 and {p["id"] for p in everything} == {p["id"] for p in made.values()}
    for p in everything:
        assert_product_shape(p)
    ids = [p["id"] for p in everything]
    assert ids == sorted(ids, reverse=True)  # newest first by default

    for status, product in made.items():
        r = api.get(f"/v2/admin/products?status={status}&q={tag}", token=admin)
        assert r.status == 200
        assert [p["id"] for p in r.json["items"]] == [product["id"]], status
        assert r.json["total"] == 1

    # Case-insensitive, and a SKU matches too; LIKE's wildcards are plain characters.
    upper = api.get(f"/v2/admin/products?q=ADMIN+LAMP+{tag.upper()}", token=admin).json
    assert upper["total"] == 3
    by_sku = api.get(f"/v2/admin/products?q=adm-{tag}-draft", token=admin).json
    assert [p["id"] for p in by_sku["items"]] == [made["draft"]["id"]]
    assert api.get("/v2/admin/products?q=%25%25" + tag, token=admin).json["total"] == 0

    # The public list still shows only the active one.
    public = {p["id"] for p in api.get("/v2/products?limit=100&category=decor").json["items"]}
    assert made["active"]["id"] in public
    assert made["draft"]["id"] not in public and made["archived"]["id"] not in public


def test_admin_list_pages_every_product_once(api, admin, seeded):
    items, total = admin_walk(api, admin, {"sort": "price_asc"}, limit=9)
    ids = [p["id"] for p in items]
    assert len(ids) == len(set(ids)) == total
    assert total >= api.get("/v2/products?limit=1").json["total"]
    prices = [p["price"]["amount"] for p in items]
    assert prices == sorted(prices)


def test_admin_list_sees_a_change_at_once(api, admin, categories):
    p = api.post("/v2/admin/products", product_body(categories["decor"]["id"]), token=admin).json
    api.delete(f"/v2/admin/products/{p['id']}", token=admin)
    r = api.get(f"/v2/admin/products?q={p['slug']}", token=admin)
    assert r.json["items"][0]["status"] == "archived"


@pytest.mark.parametrize("query,field", [
    ("status=deleted", "status"), ("limit=0", "limit"), ("limit=101", "limit"),
    ("sort=best", "sort"), ("cursor=garbage", "cursor"), ("category=no-such", "category"),
    ("q=" + "x" * 201, "q"),
])
def test_bad_admin_list_parameters_are_400(api, admin, query, field):
    assert_error(api.get("/v2/admin/products?" + query, token=admin), 400, "validation_failed",
                 field)

"""docs/openapi.yaml checked three ways: as an OpenAPI 3.1 document (structure, $refs, JSON
Schemas), against the route table the C++ code registers (every route documented, every
documented route served), and against a running server (real answers validate against the
documented status codes, headers and schemas)."""
import http.client
import json
import re
import socket
import urllib.parse
import uuid

import jsonschema
import pytest
import yaml

from catalog_helpers import admin_token, product_body, seed, usd, wait_until
from conftest import ROOT, Reply

SPEC_PATH = ROOT / "docs" / "openapi.yaml"
SRC = ROOT / "src"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Routes that are not part of the API: the admin panel's static front end.
NOT_API = {("GET", "/admin")}


def load_spec():
    with open(SPEC_PATH, encoding="utf-8") as f:
        return yaml.safe_load(f)


SPEC = load_spec()


# --- helpers over the document ------------------------------------------------------------

def resolve_pointer(doc, ref):
    assert ref.startswith("#/"), f"only local $refs are used here: {ref}"
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise KeyError(f"unresolved $ref {ref}")
    return node


def deref(node):
    """Follows Reference Objects (chains included) to the object they name."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node and set(node) <= {"$ref", "summary", "description"}:
        assert node["$ref"] not in seen, f"$ref cycle at {node['$ref']}"
        seen.add(node["$ref"])
        node = resolve_pointer(SPEC, node["$ref"])
    return node


def walk(node, path=""):
    """Yields (json path, dict) for every mapping in the document."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}/{i}")


def operations():
    for template, item in SPEC["paths"].items():
        for method in METHODS:
            if method in item:
                yield template, method, item[method], item


def normalise(template):
    return re.sub(r"\{[^}/]+\}", "{}", template)


def validator_for(schema):
    """A JSON Schema 2020-12 validator whose local $refs resolve in the OpenAPI document."""
    wrapper = {"$schema": SCHEMA_DIALECT, "components": SPEC["components"], "allOf": [schema]}
    return jsonschema.Draft202012Validator(wrapper)


def schema_errors(schema, instance):
    errors = sorted(validator_for(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}" for e in errors]


# --- (a) the document on its own ------------------------------------------------------------

def test_document_is_openapi_3_1():
    assert isinstance(SPEC, dict)
    assert str(SPEC.get("openapi", "")).startswith("3.1."), SPEC.get("openapi")
    assert SPEC["info"]["title"] and SPEC["info"]["version"]
    assert SPEC["paths"], "no paths"
    for template in SPEC["paths"]:
        assert template.startswith("/"), template
    schemes = SPEC["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["type"] == "http"
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert schemes["bearerAuth"]["bearerFormat"] == "JWT"


def test_every_ref_resolves():
    refs = [(where, node["$ref"]) for where, node in walk(SPEC) if isinstance(node.get("$ref"), str)]
    assert len(refs) > 100, "suspiciously few $refs"
    bad = []
    for where, ref in refs:
        try:
            resolve_pointer(SPEC, ref)
        except (AssertionError, KeyError) as e:
            bad.append(f"{where}: {e}")
    assert not bad, "unresolved $refs:\n" + "\n".join(bad)


def test_every_operation_is_complete():
    problems, ids = [], {}
    declared_tags = {t["name"] for t in SPEC.get("tags", [])}
    schemes = SPEC["components"]["securitySchemes"]
    for template, method, op, item in operations():
        where = f"{method.upper()} {template}"
        opid = op.get("operationId")
        if not opid:
            problems.append(f"{where}: no operationId")
        elif opid in ids:
            problems.append(f"{where}: operationId {opid} also used by {ids[opid]}")
        else:
            ids[opid] = where
        for tag in op.get("tags", []):
            if tag not in declared_tags:
                problems.append(f"{where}: undeclared tag {tag}")
        responses = op.get("responses")
        if not isinstance(responses, dict) or not responses:
            problems.append(f"{where}: no responses")
            continue
        for code, response in responses.items():
            if not (str(code) == "default" or re.fullmatch(r"[1-5][0-9X]{2}", str(code))):
                problems.append(f"{where}: bad status key {code!r}")
            if not isinstance(code, str):
                problems.append(f"{where}: status {code!r} must be quoted (a string)")
            r = deref(response)
            if not r.get("description"):
                problems.append(f"{where} {code}: no description")
            for media, content in (r.get("content") or {}).items():
                if "schema" not in content:
                    problems.append(f"{where} {code} {media}: no schema")
            # Every API error is the contract's error JSON (/ready's 503 lists its checks).
            if template.startswith("/v2/") and str(code)[0] in "45":
                schema = (r.get("content") or {}).get("application/json", {}).get("schema")
                if schema != {"$ref": "#/components/schemas/Error"}:
                    problems.append(f"{where} {code}: error answers use the Error schema")
        body = op.get("requestBody")
        if body is not None and not deref(body).get("content"):
            problems.append(f"{where}: requestBody without content")
        # Path parameters: exactly the template's, each required.
        params = [deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]
        in_path = {p["name"] for p in params if p.get("in") == "path"}
        wanted = set(re.findall(r"\{([^}/]+)\}", template))
        if in_path != wanted:
            problems.append(f"{where}: path parameters {sorted(in_path)} but template has {sorted(wanted)}")
        for p in params:
            if p.get("in") not in ("path", "query", "header", "cookie"):
                problems.append(f"{where}: parameter {p.get('name')} has in={p.get('in')!r}")
            if p.get("in") == "path" and p.get("required") is not True:
                problems.append(f"{where}: path parameter {p['name']} must be required")
            if "schema" not in p and "content" not in p:
                problems.append(f"{where}: parameter {p.get('name')} has no schema")
        for requirement in op.get("security", SPEC.get("security", [])):
            for name in requirement:
                if name not in schemes:
                    problems.append(f"{where}: unknown security scheme {name}")
    assert not problems, "\n".join(problems)


def test_every_schema_is_valid_json_schema():
    schemas = dict(SPEC["components"]["schemas"])
    for where, node in walk(SPEC["paths"], "paths"):
        if isinstance(node.get("schema"), dict):
            schemas[where] = node["schema"]
    for name, header in SPEC["components"].get("headers", {}).items():
        schemas[f"header {name}"] = header["schema"]
    bad = []
    for name, schema in schemas.items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            bad.append(f"{name}: {e.message}")
    assert not bad, "\n".join(bad)


def test_the_error_schema_matches_the_contract():
    err = SPEC["components"]["schemas"]["Error"]
    body = {"error": {"code": "not_found", "message": "product not found", "requestId": "abc"}}
    assert not schema_errors(err, body)
    body["error"]["field"] = "limit"
    assert not schema_errors(err, body)
    assert schema_errors(err, {"error": {"code": "Not Found", "message": "x", "requestId": "a"}})
    assert schema_errors(err, {"error": {"code": "x", "message": "x"}})
    assert schema_errors(err, {"message": "x"})


def test_official_validator_accepts_the_document():
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(SPEC)


# --- the document against the route table in src/ -------------------------------------------

def registered_routes():
    """(METHOD, path template) of every router.add(...) in src/."""
    routes, unparsed = set(), []
    call = re.compile(r'router\.add\(\s*"([A-Z]+)"\s*,\s*"([^"]*)"(\s*\+\s*(\w+))?')
    for path in sorted(SRC.rglob("*.cpp")):
        text = path.read_text(encoding="utf-8")
        calls = [m.start() for m in re.finditer(r"\brouter\.add\(", text)]
        parsed = {m.start(): m for m in call.finditer(text)}
        for start in calls:
            m = parsed.get(start)
            if not m:
                unparsed.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, start) + 1}")
                continue
            method, prefix, variable = m.group(1), m.group(2), m.group(4)
            if not variable:
                routes.add((method, prefix))
                continue
            # router.add("POST", "/v2/payments/webhooks/" + provider) inside
            # for (const std::string provider : {"stripe", "paypal"}).
            loop = re.search(r"for\s*\(\s*const\s+std::string\s+%s\s*:\s*\{([^}]*)\}" % variable, text)
            if not loop:
                unparsed.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, start) + 1}")
                continue
            for value in re.findall(r'"([^"]*)"', loop.group(1)):
                routes.add((method, prefix + value))
    return routes, unparsed


def documented_routes():
    out = {}
    for template, method, op, _ in operations():
        out[(method.upper(), normalise(template))] = op
    return out


def test_every_registered_route_is_documented():
    routes, unparsed = registered_routes()
    assert not unparsed, "router.add calls this test cannot read: " + ", ".join(unparsed)
    assert len(routes) > 40, routes
    documented = documented_routes()
    missing = sorted(f"{m} {p}" for m, p in routes
                     if (m, normalise(p)) not in documented and (m, p) not in NOT_API)
    assert not missing, "served but not in docs/openapi.yaml:\n" + "\n".join(missing)


def test_every_documented_route_is_registered():
    routes, _ = registered_routes()
    served = {(m, normalise(p)) for m, p in routes}
    problems = []
    for (method, template), op in documented_routes().items():
        is_served = (method, template) in served
        if op.get("x-implemented") is False:
            if is_served:
                problems.append(f"{method} {template} is served now: drop x-implemented: false")
        elif not is_served and not op.get("x-extension"):
            problems.append(f"{method} {template} is documented but no route serves it")
    assert not problems, "\n".join(problems)


# --- (b) a running server against the document ----------------------------------------------

def conform(reply, method, template, *, status=None):
    """Asserts `reply` is an answer the document allows for `method template`; returns its JSON."""
    op = SPEC["paths"][template][method.lower()]
    if status is not None:
        assert reply.status == status, reply
    code = str(reply.status)
    assert code in op["responses"], (
        f"{method} {template} answered {code}, not documented "
        f"({sorted(op['responses'])}): {reply}")
    response = deref(op["responses"][code])
    for name, header in (response.get("headers") or {}).items():
        header = deref(header)
        value = reply.headers.get(name)
        if header.get("required"):
            assert value is not None, f"{method} {template} {code}: no {name} header"
        if value is not None:
            instance = int(value) if header["schema"].get("type") == "integer" else value
            errors = schema_errors(header["schema"], instance)
            assert not errors, f"{method} {template} {code}: header {name}={value!r}: {errors}"
    content = response.get("content") or {}
    if not content:
        assert reply.body == b"", f"{method} {template} {code}: a body where none is documented"
        return None
    if "application/json" not in content:
        media = next(iter(content))
        assert (reply.headers.get("Content-Type") or "").startswith(media), reply.headers
        return reply.body
    assert (reply.headers.get("Content-Type") or "").startswith("application/json"), reply.headers
    body = json.loads(reply.body)
    errors = schema_errors(content["application/json"]["schema"], body)
    assert not errors, f"{method} {template} {code} does not match the document:\n" + "\n".join(errors[:15])
    if reply.status >= 400:
        assert body["error"]["requestId"] == reply.headers.get("X-Request-Id", body["error"]["requestId"])
    return body


def not_served(reply):
    """True when no route answers this method and path (404 "no route", or 405)."""
    error = (reply.json or {}).get("error", {}) if reply.body.startswith(b"{") else {}
    return (reply.status == 404 and error.get("message", "").startswith("no route")) or (
        reply.status == 405 and error.get("code") == "method_not_allowed")


@pytest.fixture(scope="module")
def world(server, api):
    seed(server, 12, seed_value=11)
    admin = admin_token(server, api)
    r = api.post("/v2/auth/register", {"email": f"oas-{uuid.uuid4().hex[:10]}@example.com",
                                       "password": "openapi-pass-1", "name": "Spec Shopper"})
    assert r.status == 201, r
    customer = r.json["accessToken"]
    # A product of our own with little stock, for the 409s.
    cats = api.get("/v2/categories").json["items"]
    body = product_body(cats[-1]["id"], variants=[{"sku": f"OAS-{uuid.uuid4().hex[:8]}",
                                                   "name": "Only", "stock": 2}])
    r = api.post("/v2/admin/products", body, token=admin)
    assert r.status == 201, r
    scarce = r.json
    products = api.get("/v2/products?limit=100").json["items"]
    # Search is fed by events: wait until the index has the whole catalog.
    assert wait_until(lambda: api.get("/v2/search?limit=1").json["total"] >= len(products)), \
        "search index incomplete"
    return {"admin": admin, "customer": customer, "scarce": scarce, "products": products,
            "categories": cats}


def stocked_variant(world, units=5):
    for p in world["products"]:
        for v in p["variants"]:
            if v["stock"] >= units:
                return p, v
    raise AssertionError("no variant with stock")


def guest_cart(api, world, quantity=1):
    p, v = stocked_variant(world)
    r = api.post("/v2/cart/items", {"productId": p["id"], "variantId": v["id"], "quantity": quantity})
    cart = conform(r, "POST", "/v2/cart/items", status=201)
    assert r.headers.get("X-Cart-Id") == cart["cartId"] == cart["id"]
    return cart


def address():
    return {"name": "Ada Spec", "line1": "1 Main St", "city": "Springfield",
            "postalCode": "12345", "country": "US"}


def test_operations_routes(api):
    conform(api.get("/health"), "GET", "/health", status=200)
    conform(api.get("/admin/health"), "GET", "/admin/health", status=200)
    conform(api.get("/ready"), "GET", "/ready", status=200)
    conform(api.get("/metrics"), "GET", "/metrics", status=200)
    r = api.get("/health", headers={"X-Request-Id": "spec-check-1"})
    assert r.headers["X-Request-Id"] == "spec-check-1"


def test_products_and_categories(api, world):
    body = conform(api.get("/v2/products?limit=5&sort=price_asc"), "GET", "/v2/products", status=200)
    assert len(body["items"]) == 5 and body["nextCursor"]
    page2 = api.get("/v2/products?" + urllib.parse.urlencode(
        {"limit": 5, "sort": "price_asc", "cursor": body["nextCursor"]}))
    conform(page2, "GET", "/v2/products", status=200)
    first = body["items"][0]
    r = api.get(f"/v2/products/{first['id']}")
    assert conform(r, "GET", "/v2/products/{id}", status=200)["id"] == first["id"]
    by_slug = conform(api.get(f"/v2/products/{first['slug']}"), "GET", "/v2/products/{id}", status=200)
    assert by_slug["id"] == first["id"]
    again = api.get(f"/v2/products/{first['id']}", headers={"If-None-Match": r.headers["ETag"]})
    conform(again, "GET", "/v2/products/{id}", status=304)
    conform(api.get("/v2/products/no-such-product"), "GET", "/v2/products/{id}", status=404)
    conform(api.get("/v2/products?limit=0"), "GET", "/v2/products", status=400)
    conform(api.get("/v2/products?category=no-such-category"), "GET", "/v2/products", status=400)
    conform(api.get("/v2/products?sort=cheapest"), "GET", "/v2/products", status=400)
    cats = api.get("/v2/categories")
    assert conform(cats, "GET", "/v2/categories", status=200)["items"]
    conform(api.get("/v2/categories", headers={"If-None-Match": cats.headers["ETag"]}),
            "GET", "/v2/categories", status=304)
    r = api.get(f"/v2/products/{first['id']}/recommendations?limit=4")
    conform(r, "GET", "/v2/products/{id}/recommendations", status=200)
    conform(api.get(f"/v2/products/{first['id']}/recommendations?limit=500"),
            "GET", "/v2/products/{id}/recommendations", status=400)


def test_search_and_suggest(api, world):
    word = world["products"][0]["name"].split()[-1]
    body = conform(api.get("/v2/search?" + urllib.parse.urlencode({"q": word, "limit": 3})),
                   "GET", "/v2/search", status=200)
    assert body["total"] >= 1 and body["facets"]["price"]
    everything = conform(api.get("/v2/search?limit=2&sort=price_desc"), "GET", "/v2/search", status=200)
    assert everything["nextCursor"] and everything["facets"]["category"]
    conform(api.get("/v2/search?sort=sideways"), "GET", "/v2/search", status=400)
    conform(api.get("/v2/search?minPrice=5&maxPrice=1"), "GET", "/v2/search", status=400)
    s = conform(api.get("/v2/search/suggest?q=" + urllib.parse.quote(word[:3])),
                "GET", "/v2/search/suggest", status=200)
    assert isinstance(s["suggestions"], list)


def test_guest_cart(api, world):
    empty = conform(api.get("/v2/cart"), "GET", "/v2/cart", status=200)
    assert empty["id"] is None and empty["items"] == []
    cart = guest_cart(api, world, quantity=2)
    hdr = {"X-Cart-Id": cart["cartId"]}
    got = conform(api.get("/v2/cart", headers=hdr), "GET", "/v2/cart", status=200)
    item = got["items"][0]
    r = api.patch(f"/v2/cart/items/{item['id']}", {"quantity": 3}, headers=hdr)
    assert conform(r, "PATCH", "/v2/cart/items/{itemId}", status=200)["itemCount"] == 3
    conform(api.patch(f"/v2/cart/items/{item['id']}", {"quantity": 1000}, headers=hdr),
            "PATCH", "/v2/cart/items/{itemId}", status=400)
    conform(api.patch("/v2/cart/items/no-such-item", {"quantity": 1}, headers=hdr),
            "PATCH", "/v2/cart/items/{itemId}", status=404)
    scarce = world["scarce"]
    conform(api.post("/v2/cart/items", {"productId": scarce["id"], "quantity": 3}, headers=hdr),
            "POST", "/v2/cart/items", status=409)
    conform(api.post("/v2/cart/items", {"productId": "no-such-product", "quantity": 1}, headers=hdr),
            "POST", "/v2/cart/items", status=404)
    conform(api.post("/v2/cart/items", {"productId": scarce["id"], "quantity": 0}, headers=hdr),
            "POST", "/v2/cart/items", status=400)
    conform(api.get("/v2/cart", headers={"X-Cart-Id": "not a cart id!"}), "GET", "/v2/cart", status=400)
    r = api.delete(f"/v2/cart/items/{item['id']}", headers=hdr)
    assert conform(r, "DELETE", "/v2/cart/items/{itemId}", status=200)["items"] == []
    conform(api.delete("/v2/cart", headers=hdr), "DELETE", "/v2/cart", status=204)


def test_errors_everywhere(api, world):
    r = api.get("/v2/no-such-thing")
    assert r.status == 404 and r.json["error"]["code"] == "not_found" and r.headers["X-Request-Id"]
    conform(api.get("/v2/users/me"), "GET", "/v2/users/me", status=401)
    conform(api.get("/v2/users/me", token="not.a.jwt"), "GET", "/v2/users/me", status=401)
    conform(api.get("/v2/admin/users", token=world["customer"]), "GET", "/v2/admin/users", status=403)
    conform(api.post("/v2/auth/login", raw=b"email=x", headers={"Content-Type": "text/plain"}),
            "POST", "/v2/auth/login", status=415)
    conform(api.post("/v2/auth/login", raw=b"{not json", headers={"Content-Type": "application/json"}),
            "POST", "/v2/auth/login", status=400)
    conform(api.post("/v2/auth/register", {"email": "x@example.com", "password": "longenough",
                                           "name": "X", "extra": 1}),
            "POST", "/v2/auth/register", status=400)
    r = api.put("/v2/products", {})
    assert r.status == 405 and r.json["error"]["code"] == "method_not_allowed"
    assert r.headers["Allow"] == "GET"


def test_a_body_over_the_limit_is_413(server):
    # Only the headers are sent: the server refuses on the declared length alone.
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"POST /v2/auth/login HTTP/1.1\r\nHost: spec\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 50000000\r\n\r\n")
        res = http.client.HTTPResponse(s)
        res.begin()
        reply = Reply(res.status, res.headers, res.read())
    conform(reply, "POST", "/v2/auth/login", status=413)
    assert reply.json["error"]["code"] == "payload_too_large"


def test_auth_and_users(api, world):
    email, pw = f"oas-{uuid.uuid4().hex[:10]}@example.com", "openapi-pass-2"
    session = conform(api.post("/v2/auth/register", {"email": email, "password": pw, "name": "Spec"}),
                      "POST", "/v2/auth/register", status=201)
    conform(api.post("/v2/auth/register", {"email": email, "password": pw, "name": "Spec"}),
            "POST", "/v2/auth/register", status=409)
    conform(api.post("/v2/auth/register", {"email": "nope", "password": pw, "name": "Spec"}),
            "POST", "/v2/auth/register", status=400)
    conform(api.post("/v2/auth/login", {"email": email, "password": "wrong-password"}),
            "POST", "/v2/auth/login", status=401)
    session = conform(api.post("/v2/auth/login", {"email": email, "password": pw}),
                      "POST", "/v2/auth/login", status=200)
    rotated = conform(api.post("/v2/auth/refresh", {"refreshToken": session["refreshToken"]}),
                      "POST", "/v2/auth/refresh", status=200)
    conform(api.post("/v2/auth/refresh", {"refreshToken": session["refreshToken"]}),
            "POST", "/v2/auth/refresh", status=401)
    token = rotated["accessToken"]
    conform(api.get("/v2/users/me", token=token), "GET", "/v2/users/me", status=200)
    conform(api.patch("/v2/users/me", {"phone": "+1 555 0100"}, token=token),
            "PATCH", "/v2/users/me", status=200)
    a = conform(api.post("/v2/users/me/addresses", address(), token=token),
                "POST", "/v2/users/me/addresses", status=201)
    conform(api.post("/v2/users/me/addresses", dict(address(), country="XX"), token=token),
            "POST", "/v2/users/me/addresses", status=400)
    conform(api.get("/v2/users/me/addresses", token=token), "GET", "/v2/users/me/addresses", status=200)
    conform(api.patch(f"/v2/users/me/addresses/{a['id']}", {"line2": "Flat 2"}, token=token),
            "PATCH", "/v2/users/me/addresses/{id}", status=200)
    conform(api.get("/v2/users/me/export", token=token), "GET", "/v2/users/me/export", status=200)
    conform(api.delete(f"/v2/users/me/addresses/{a['id']}", token=token),
            "DELETE", "/v2/users/me/addresses/{id}", status=204)
    conform(api.delete(f"/v2/users/me/addresses/{a['id']}", token=token),
            "DELETE", "/v2/users/me/addresses/{id}", status=404)
    conform(api.post("/v2/auth/password/forgot", {"email": email}),
            "POST", "/v2/auth/password/forgot", status=202)
    conform(api.post("/v2/auth/password/reset", {"token": "x" * 43, "password": "another-pass-3"}),
            "POST", "/v2/auth/password/reset", status=400)
    conform(api.post("/v2/auth/logout", {"refreshToken": rotated["refreshToken"]}),
            "POST", "/v2/auth/logout", status=204)
    users = conform(api.get("/v2/admin/users?" + urllib.parse.urlencode({"q": email}), token=world["admin"]),
                    "GET", "/v2/admin/users", status=200)
    uid = users["items"][0]["id"]
    conform(api.get(f"/v2/admin/users/{uid}", token=world["admin"]), "GET", "/v2/admin/users/{id}", status=200)
    conform(api.patch(f"/v2/admin/users/{uid}", {"role": "superuser"}, token=world["admin"]),
            "PATCH", "/v2/admin/users/{id}", status=400)
    conform(api.patch(f"/v2/admin/users/{uid}", {"disabled": True}, token=world["admin"]),
            "PATCH", "/v2/admin/users/{id}", status=200)
    conform(api.get("/v2/users/me", token=token), "GET", "/v2/users/me", status=401)


def test_checkout_orders_and_payments(api, world):
    cart = guest_cart(api, world, quantity=1)
    hdr = {"X-Cart-Id": cart["cartId"], "Idempotency-Key": uuid.uuid4().hex}
    body = {"shippingAddress": address(), "email": "guest@example.com", "paymentProvider": "test",
            "paymentMethod": {"testCard": "4242424242424242"}}
    conform(api.post("/v2/orders", body, headers={"X-Cart-Id": cart["cartId"]}), "POST", "/v2/orders", status=400)
    order = conform(api.post("/v2/orders", body, headers=hdr), "POST", "/v2/orders", status=201)
    replay = api.post("/v2/orders", body, headers=hdr)
    assert conform(replay, "POST", "/v2/orders", status=200)["id"] == order["id"]
    assert replay.headers["Idempotent-Replayed"] == "true"
    conform(api.post("/v2/orders", dict(body, email="other@example.com"), headers=hdr),
            "POST", "/v2/orders", status=409)
    conform(api.post("/v2/orders", body, headers={"Idempotency-Key": uuid.uuid4().hex}),
            "POST", "/v2/orders", status=409)  # no cart at all: cart_empty
    conform(api.get(f"/v2/orders/{order['id']}", headers={"X-Cart-Id": cart["cartId"]}),
            "GET", "/v2/orders/{id}", status=200)
    conform(api.get(f"/v2/orders/{order['id']}"), "GET", "/v2/orders/{id}", status=401)
    conform(api.get(f"/v2/orders/{order['id']}", token=world["customer"]), "GET", "/v2/orders/{id}", status=404)
    conform(api.get("/v2/orders", token=world["customer"]), "GET", "/v2/orders", status=200)

    admin = world["admin"]
    paid = wait_until(lambda: api.get(f"/v2/orders/{order['id']}", token=admin).json["status"] == "paid")
    assert paid, "the test card did not pay"
    conform(api.get("/v2/admin/orders?status=paid&limit=5", token=admin), "GET", "/v2/admin/orders", status=200)
    conform(api.get("/v2/admin/orders?status=lost", token=admin), "GET", "/v2/admin/orders", status=400)
    conform(api.post(f"/v2/admin/orders/{order['id']}/deliver", token=admin),
            "POST", "/v2/admin/orders/{id}/deliver", status=409)
    conform(api.post(f"/v2/admin/orders/{order['id']}/ship", {"carrier": "UPS", "trackingNumber": "1Z"},
                     token=admin), "POST", "/v2/admin/orders/{id}/ship", status=200)
    conform(api.post(f"/v2/admin/orders/{order['id']}/deliver", token=admin),
            "POST", "/v2/admin/orders/{id}/deliver", status=200)
    conform(api.post(f"/v2/orders/{order['id']}/cancel", headers={"X-Cart-Id": cart["cartId"]}),
            "POST", "/v2/orders/{id}/cancel", status=409)
    conform(api.post(f"/v2/admin/orders/{order['id']}/refund", {"amount": 100}, token=admin),
            "POST", "/v2/admin/orders/{id}/refund", status=200)
    conform(api.post(f"/v2/admin/orders/{order['id']}/refund", {"amount": 10 ** 9}, token=admin),
            "POST", "/v2/admin/orders/{id}/refund", status=400)
    conform(api.get(f"/v2/admin/payments?orderId={order['id']}", token=admin),
            "GET", "/v2/admin/payments", status=200)
    conform(api.post("/v2/payments/webhooks/stripe", {"id": "evt_1"}), "POST", "/v2/payments/webhooks/stripe",
            status=400)
    if not not_served(api.get("/v2/payments/config")):
        config = conform(api.get("/v2/payments/config"), "GET", "/v2/payments/config", status=200)
        assert "test" in config["providers"]

    # A declined card: the order comes back cancelled.
    cart = guest_cart(api, world, quantity=1)
    declined = dict(body, paymentMethod={"testCard": "4000000000000002"})
    conform(api.post("/v2/orders", declined, headers={"X-Cart-Id": cart["cartId"],
                                                      "Idempotency-Key": uuid.uuid4().hex}),
            "POST", "/v2/orders", status=201)


def test_admin_catalog(api, world):
    admin = world["admin"]
    cat = conform(api.post("/v2/admin/categories", {"name": f"Spec {uuid.uuid4().hex[:6]}"}, token=admin),
                  "POST", "/v2/admin/categories", status=201)
    conform(api.post("/v2/admin/categories", {"name": "Dup", "slug": cat["slug"]}, token=admin),
            "POST", "/v2/admin/categories", status=409)
    conform(api.patch(f"/v2/admin/categories/{cat['id']}", {"position": 3}, token=admin),
            "PATCH", "/v2/admin/categories/{id}", status=200)
    p = conform(api.post("/v2/admin/products", product_body(cat["id"], status="draft"), token=admin),
                "POST", "/v2/admin/products", status=201)
    conform(api.post("/v2/admin/products", product_body(cat["id"], price=usd(-1)), token=admin),
            "POST", "/v2/admin/products", status=400)
    conform(api.get(f"/v2/products/{p['id']}"), "GET", "/v2/products/{id}", status=404)
    conform(api.get(f"/v2/admin/products/{p['id']}", token=admin), "GET", "/v2/admin/products/{id}", status=200)
    conform(api.patch(f"/v2/admin/products/{p['id']}", {"status": "active", "compareAtPrice": usd(9900)},
                      token=admin), "PATCH", "/v2/admin/products/{id}", status=200)
    conform(api.put(f"/v2/admin/variants/{p['variants'][0]['id']}/stock", {"stock": 7}, token=admin),
            "PUT", "/v2/admin/variants/{id}/stock", status=200)
    conform(api.put("/v2/admin/variants/no-such-variant/stock", {"stock": 7}, token=admin),
            "PUT", "/v2/admin/variants/{id}/stock", status=404)
    conform(api.delete(f"/v2/admin/categories/{cat['id']}", token=admin),
            "DELETE", "/v2/admin/categories/{id}", status=409)
    archived = conform(api.delete(f"/v2/admin/products/{p['id']}", token=admin),
                       "DELETE", "/v2/admin/products/{id}", status=200)
    assert archived["status"] == "archived"
    empty = conform(api.post("/v2/admin/categories", {"name": f"Empty {uuid.uuid4().hex[:6]}"}, token=admin),
                    "POST", "/v2/admin/categories", status=201)
    conform(api.delete(f"/v2/admin/categories/{empty['id']}", token=admin),
            "DELETE", "/v2/admin/categories/{id}", status=204)


def test_notifications_and_analytics(api, world):
    conform(api.post("/v2/analytics/events", {"type": "page_view", "sessionId": "spec-session"}),
            "POST", "/v2/analytics/events", status=202)
    conform(api.post("/v2/analytics/events", {"type": "product_view", "sessionId": "spec-session"}),
            "POST", "/v2/analytics/events", status=400)
    conform(api.get("/v2/admin/analytics/summary", token=world["admin"]),
            "GET", "/v2/admin/analytics/summary", status=200)
    conform(api.get("/v2/admin/analytics/summary?from=yesterday", token=world["admin"]),
            "GET", "/v2/admin/analytics/summary", status=400)
    conform(api.get("/v2/notifications", token=world["customer"]), "GET", "/v2/notifications", status=200)
    conform(api.get("/v2/admin/notifications?limit=5", token=world["admin"]),
            "GET", "/v2/admin/notifications", status=200)
    conform(api.get("/v2/admin/notifications?status=lost", token=world["admin"]),
            "GET", "/v2/admin/notifications", status=400)
    conform(api.post("/v2/admin/notifications/00000000-0000-7000-8000-000000000000/retry", token=world["admin"]),
            "POST", "/v2/admin/notifications/{id}/retry", status=404)


def test_routes_the_contract_has_but_the_server_does_not(api):
    for template, method, op, _ in operations():
        if op.get("x-implemented") is False:
            r = api.request(method.upper(), template)
            conform(r, method.upper(), template)


def test_extension_admin_product_list(api, world):
    r = api.get("/v2/admin/products?limit=5", token=world["admin"])
    if not_served(r):
        pytest.skip("GET /v2/admin/products is not served yet")
    body = conform(r, "GET", "/v2/admin/products", status=200)
    assert body["total"] >= len(body["items"])
    drafts = conform(api.get("/v2/admin/products?status=draft", token=world["admin"]),
                     "GET", "/v2/admin/products", status=200)
    assert all(p["status"] == "draft" for p in drafts["items"])
    sku = world["scarce"]["variants"][0]["sku"]
    found = conform(api.get("/v2/admin/products?q=" + urllib.parse.quote(sku.lower()), token=world["admin"]),
                    "GET", "/v2/admin/products", status=200)
    assert [p["id"] for p in found["items"]] == [world["scarce"]["id"]]
    conform(api.get("/v2/admin/products?status=lost", token=world["admin"]),
            "GET", "/v2/admin/products", status=400)
    conform(api.get("/v2/admin/products", token=world["customer"]), "GET", "/v2/admin/products", status=403)
    conform(api.get("/v2/admin/products"), "GET", "/v2/admin/products", status=401)


def test_extension_order_quote(api, world):
    cart = guest_cart(api, world, quantity=1)
    hdr = {"X-Cart-Id": cart["cartId"]}
    r = api.post("/v2/orders/quote", {"shippingAddress": address()}, headers=hdr)
    if not_served(r):
        pytest.skip("POST /v2/orders/quote is not served yet")
    quote = conform(r, "POST", "/v2/orders/quote", status=200)
    assert quote["subtotal"] == cart["subtotal"] and quote["itemCount"] == cart["itemCount"]
    assert quote["total"]["amount"] == sum(quote[k]["amount"] for k in ("subtotal", "shipping", "tax"))
    # Only the country is needed for a quote.
    conform(api.post("/v2/orders/quote", {"shippingAddress": {"country": "US"}}, headers=hdr),
            "POST", "/v2/orders/quote", status=200)
    conform(api.post("/v2/orders/quote", {"shippingAddress": {"country": "usa"}}, headers=hdr),
            "POST", "/v2/orders/quote", status=400)
    conform(api.post("/v2/orders/quote", {}, headers=hdr), "POST", "/v2/orders/quote", status=400)
    conform(api.post("/v2/orders/quote", {"shippingAddress": address()}), "POST", "/v2/orders/quote",
            status=409)  # no cart: cart_empty

"""Shared helpers for the catalog and search end-to-end tests."""
import uuid

from waiting import wait_until  # noqa: F401  (re-exported for the catalog tests)

PRODUCT_FIELDS = {"id", "slug", "name", "description", "brand", "category", "price",
                  "compareAtPrice", "images", "attributes", "status", "stock", "variants",
                  "rating", "createdAt", "updatedAt"}
VARIANT_FIELDS = {"id", "sku", "name", "price", "stock", "attributes"}


def usd(amount):
    return {"amount": amount, "currency": "USD"}


def admin_token(server, api):
    email = f"catalog-admin-{uuid.uuid4().hex[:8]}@example.com"
    r = server.cli("user", "create", "--email", email, "--password", "admin-password-1",
                   "--role", "admin")
    assert r.returncode == 0, r.stderr
    login = api.post("/v2/auth/login", {"email": email, "password": "admin-password-1"})
    assert login.status == 200, login
    return login.json["accessToken"]


def customer_token(api):
    r = api.post("/v2/auth/register", {"email": f"shopper-{uuid.uuid4().hex[:10]}@example.com",
                                       "password": "shopper-pass-1", "name": "Shopper"})
    assert r.status == 201, r
    return r.json["accessToken"]


def seed(server, n=50, seed_value=7):
    done = server.cli("seed", "--products", str(n), "--seed", str(seed_value))
    assert done.returncode == 0, done.stderr
    assert f"seeded {n} products" in done.stdout, done.stdout
    return done


def product_body(category_id, **overrides):
    tag = uuid.uuid4().hex[:8]
    body = {"name": f"Test Lantern {tag}", "description": "A lantern for the e2e tests",
            "brand": "Acme", "categoryId": category_id, "price": usd(2500), "status": "active",
            "images": ["products/lantern/1.jpg"], "attributes": {"material": "brass"},
            "variants": [{"sku": f"LAN-{tag}", "name": "Standard", "stock": 4}]}
    body.update(overrides)
    return body


def assert_product_shape(p):
    assert PRODUCT_FIELDS <= set(p), set(PRODUCT_FIELDS) - set(p)
    assert set(p["category"]) >= {"id", "slug", "name"}
    assert set(p["price"]) == {"amount", "currency"} and isinstance(p["price"]["amount"], int)
    assert p["status"] in ("active", "draft", "archived")
    assert p["variants"], "every product has at least one variant"
    for v in p["variants"]:
        assert VARIANT_FIELDS <= set(v)
    assert p["stock"] == sum(v["stock"] for v in p["variants"])

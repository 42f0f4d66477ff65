"""Shared helpers for the order, payment and checkout end-to-end tests."""
import os
import signal
import uuid

from conftest import ServerProcess
from waiting import wait_until as wait_for  # noqa: F401  (the name these tests import)

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"


def usd(amount):
    return {"amount": amount, "currency": "USD"}


def address(country="US", **overrides):
    a = {"name": "Ada Lovelace", "line1": "1 Analytical Way", "city": "London",
         "postalCode": "N1 9GU", "country": country}
    a.update(overrides)
    return a


def admin_token(server, api):
    email = f"orders-admin-{uuid.uuid4().hex[:8]}@example.com"
    r = server.cli("user", "create", "--email", email, "--password", "admin-password-1",
                   "--role", "admin")
    assert r.returncode == 0, r.stderr
    login = api.post("/v2/auth/login", {"email": email, "password": "admin-password-1"})
    assert login.status == 200, login
    return login.json["accessToken"]


def customer(api):
    """A new customer: (token, email)."""
    email = f"buyer-{uuid.uuid4().hex[:10]}@example.com"
    r = api.post("/v2/auth/register", {"email": email, "password": "buyer-pass-1", "name": "Buyer"})
    assert r.status == 201, r
    return r.json["accessToken"], email


def category(api, admin):
    r = api.post("/v2/admin/categories", {"name": f"Orders {uuid.uuid4().hex[:6]}"}, token=admin)
    assert r.status == 201, r
    return r.json["id"]


def make_product(api, admin, category_id, stock=5, price=1250):
    tag = uuid.uuid4().hex[:8]
    r = api.post("/v2/admin/products", {
        "name": f"Order product {tag}", "description": "for the order tests", "brand": "Acme",
        "categoryId": category_id, "price": usd(price), "status": "active",
        "images": ["https://img.example.com/o.jpg"],
        "variants": [{"sku": f"ORD-{tag}", "name": "Standard", "stock": stock}]}, token=admin)
    assert r.status == 201, r
    return r.json


def stock_of(api, product):
    r = api.get(f"/v2/products/{product['id']}")
    assert r.status == 200, r
    return r.json["variants"][0]["stock"]


def add_to_cart(api, product, quantity=1, token=None, cart_id=None):
    """Adds to a user's cart (token) or a guest cart; returns the guest cart id (or None)."""
    headers = {"X-Cart-Id": cart_id} if cart_id else None
    r = api.post("/v2/cart/items", {"productId": product["id"],
                                    "variantId": product["variants"][0]["id"],
                                    "quantity": quantity}, token=token, headers=headers)
    assert r.status == 201, r
    return None if token else r.json["id"]


def checkout(api, token=None, cart_id=None, key=None, card=GOOD_CARD, provider="test",
             country="US", email=None, method=None, extra_headers=None):
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    if cart_id:
        headers["X-Cart-Id"] = cart_id
    headers.update(extra_headers or {})
    body = {"shippingAddress": address(country), "paymentProvider": provider}
    if method is not None:
        body["paymentMethod"] = method
    elif card:
        body["paymentMethod"] = {"testCard": card}
    if email:
        body["email"] = email
    return api.post("/v2/orders", body, token=token, headers=headers)


def wait_for_status(api, order_id, status, token, timeout=15.0):
    def check():
        r = api.get(f"/v2/orders/{order_id}", token=token)
        return r.json if r.status == 200 and r.json["status"] == status else None
    got = wait_for(check, timeout)
    assert got, api.get(f"/v2/orders/{order_id}", token=token)
    return got


def history(order):
    return [h["status"] for h in order["statusHistory"]]


def restart(old, extra_env=None, drop_env=()):
    """A new server process on the same data dir and database as `old` (which has stopped)."""
    new = ServerProcess(old.store)
    new.tmp = old.tmp
    new.env = dict(old.env)
    for name in drop_env:
        new.env.pop(name, None)
    new.env.update(extra_env or {})
    new.log_path = old.log_path.with_name(f"server-{uuid.uuid4().hex[:6]}.log")
    return new.start()


def killed_by_sigkill(proc, timeout=30):
    proc.wait(timeout=timeout)
    return proc.returncode == -signal.SIGKILL


def env_with(**values):
    env = dict(os.environ)
    env.update(values)
    return env

"""A local stand-in for PayPal's REST API, for the PayPal adapter's end-to-end tests.

It follows PayPal's documented requests and responses for what the adapter uses:
OAuth2 client credentials (POST /v1/oauth2/token with Basic auth), Orders v2 (create,
get, capture) with `PayPal-Request-Id` idempotency, captures' refunds, PayPal's error
objects (422 UNPROCESSABLE_ENTITY with details[].issue), and webhook signature
verification (POST /v1/notifications/verify-webhook-signature → verification_status).

PayPal signs webhooks with its certificate; the fake stands in for that with an HMAC
only it and the tests know (`sign_webhook`), over the same fields PayPal signs:
transmission id, transmission time, webhook id and the CRC32 of the event.

Extra endpoints under /_fake/ let a test play the buyer (approve) and look inside.
Run standalone: python3 paypal_fake.py [port] [client_id] [client_secret]
"""
import base64
import hashlib
import hmac
import json
import secrets
import string
import sys
import threading
import time
import urllib.parse
import zlib
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIGNING_KEY = b"paypal-fake-signing-key"


def _canonical(event):
    return json.dumps(event, sort_keys=True, separators=(",", ":"))


def _expected_sig(transmission_id, transmission_time, webhook_id, event):
    crc = zlib.crc32(_canonical(event).encode()) & 0xFFFFFFFF
    message = f"{transmission_id}|{transmission_time}|{webhook_id}|{crc}"
    return base64.b64encode(hmac.new(SIGNING_KEY, message.encode(), hashlib.sha256).digest()).decode()


def sign_webhook(event, webhook_id, when=None):
    """The PAYPAL-* headers PayPal sends with a webhook delivery."""
    when = when or datetime.now(timezone.utc)
    transmission_time = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    transmission_id = secrets.token_hex(16)
    return {
        "PAYPAL-TRANSMISSION-ID": transmission_id,
        "PAYPAL-TRANSMISSION-TIME": transmission_time,
        "PAYPAL-TRANSMISSION-SIG": _expected_sig(transmission_id, transmission_time, webhook_id, event),
        "PAYPAL-CERT-URL": "https://api.paypal.com/v1/notifications/certs/CERT-fake",
        "PAYPAL-AUTH-ALGO": "SHA256withRSA",
    }


def webhook_event(event_type, resource, event_id=None):
    return {
        "id": event_id or "WH-" + secrets.token_hex(10).upper(),
        "event_version": "1.0",
        "create_time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resource_type": "checkout-order" if event_type.startswith("CHECKOUT") else "capture",
        "event_type": event_type,
        "summary": event_type,
        "resource": resource,
    }


def _pp_id(n=17):
    return "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(n))


class PaypalState:
    def __init__(self, client_id, client_secret, webhook_id):
        self.client_id = client_id
        self.client_secret = client_secret
        self.webhook_id = webhook_id
        self.lock = threading.Lock()
        self.tokens = set()
        self.orders = {}
        self.captures = {}   # capture id -> order id
        self.refunds = {}
        self.request_ids = {}  # PayPal-Request-Id -> (path, status, body)
        self.requests = []
        self.verifications = 0

    def snapshot(self):
        with self.lock:
            return {"orders": self.orders, "refunds": self.refunds, "requests": self.requests,
                    "verifications": self.verifications}


def make_handler(state: PaypalState):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Paypal-Debug-Id", secrets.token_hex(6))
            self.end_headers()
            self.wfile.write(data)

        def _body(self):
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length).decode() if length else ""

        def do_GET(self):
            self._dispatch("GET", "")

        def do_POST(self):
            self._dispatch("POST", self._body())

        def _error(self, status, name, issue, message="fake"):
            return status, {"name": name, "message": message,
                            "details": [{"issue": issue, "description": message}],
                            "debug_id": secrets.token_hex(6)}

        def _dispatch(self, method, raw):
            path = urllib.parse.urlparse(self.path).path
            parts = path.strip("/").split("/")
            if parts[0] == "_fake":
                return self._control(parts)
            with state.lock:
                state.requests.append([method, path, self.headers.get("PayPal-Request-Id")])
            if parts == ["v1", "oauth2", "token"]:
                expected = "Basic " + base64.b64encode(
                    f"{state.client_id}:{state.client_secret}".encode()).decode()
                if self.headers.get("Authorization") != expected or raw != "grant_type=client_credentials":
                    return self._send(401, {"error": "invalid_client",
                                            "error_description": "Client Authentication failed"})
                token = "A21AA" + secrets.token_hex(20)
                with state.lock:
                    state.tokens.add(token)
                return self._send(200, {"scope": "https://uri.paypal.com/services/payments/payment",
                                        "access_token": token, "token_type": "Bearer",
                                        "app_id": "APP-FAKE", "expires_in": 32400,
                                        "nonce": secrets.token_hex(8)})
            auth = self.headers.get("Authorization", "")
            with state.lock:
                if not auth.startswith("Bearer ") or auth[7:] not in state.tokens:
                    return self._send(401, {"name": "AUTHENTICATION_FAILURE",
                                            "message": "Authentication failed due to invalid authentication credentials."})
            request_id = self.headers.get("PayPal-Request-Id")
            if method == "POST" and request_id:
                with state.lock:
                    seen = state.request_ids.get(request_id)
                if seen and seen[0] == path:
                    return self._send(seen[1], seen[2])
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                return self._send(*self._error(400, "INVALID_REQUEST", "MALFORMED_REQUEST_JSON"))
            with state.lock:
                status, out = self._api(method, parts, body)
                if method == "POST" and request_id and status < 500:
                    state.request_ids[request_id] = (path, status, out)
            return self._send(status, out)

        def _links(self, order_id, status):
            base = f"http://{self.headers.get('Host')}"
            links = [{"href": f"{base}/v2/checkout/orders/{order_id}", "rel": "self", "method": "GET"}]
            if status in ("CREATED", "PAYER_ACTION_REQUIRED"):
                rel = "payer-action" if status == "PAYER_ACTION_REQUIRED" else "approve"
                links.append({"href": f"{base}/checkoutnow?token={order_id}", "rel": rel, "method": "GET"})
            if status == "APPROVED":
                links.append({"href": f"{base}/v2/checkout/orders/{order_id}/capture",
                              "rel": "capture", "method": "POST"})
            return links

        def _api(self, method, parts, body):
            if method == "POST" and parts == ["v2", "checkout", "orders"]:
                units = body.get("purchase_units") or []
                if body.get("intent") not in ("CAPTURE", "AUTHORIZE") or not units:
                    return self._error(400, "INVALID_REQUEST", "MISSING_REQUIRED_PARAMETER")
                amount = units[0].get("amount", {})
                if "currency_code" not in amount or "value" not in amount:
                    return self._error(400, "INVALID_REQUEST", "MISSING_REQUIRED_PARAMETER")
                oid = _pp_id()
                status = "PAYER_ACTION_REQUIRED" if "paypal" in (body.get("payment_source") or {}) else "CREATED"
                order = {"id": oid, "intent": body["intent"], "status": status,
                         "purchase_units": [dict(u) for u in units],
                         "create_time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
                order["links"] = self._links(oid, status)
                state.orders[oid] = order
                return 201, order
            if len(parts) >= 4 and parts[:3] == ["v2", "checkout", "orders"]:
                order = state.orders.get(parts[3])
                if not order:
                    return self._error(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID")
                if method == "GET" and len(parts) == 4:
                    return 200, order
                if method == "POST" and parts[4:] == ["capture"]:
                    if order["status"] == "COMPLETED":
                        return self._error(422, "UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED")
                    if order["status"] != "APPROVED":
                        return self._error(422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED")
                    unit = order["purchase_units"][0]
                    cid = _pp_id()
                    capture = {"id": cid, "status": "COMPLETED", "amount": unit["amount"],
                               "final_capture": True, "custom_id": unit.get("custom_id"),
                               "invoice_id": unit.get("invoice_id"), "refunded": "0",
                               "supplementary_data": {"related_ids": {"order_id": order["id"]}}}
                    unit["payments"] = {"captures": [capture]}
                    order["status"] = "COMPLETED"
                    order["links"] = self._links(order["id"], "COMPLETED")
                    state.captures[cid] = order["id"]
                    return 201, order
            if method == "POST" and len(parts) == 5 and parts[:3] == ["v2", "payments", "captures"] \
                    and parts[4] == "refund":
                oid = state.captures.get(parts[3])
                if not oid:
                    return self._error(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID")
                capture = state.orders[oid]["purchase_units"][0]["payments"]["captures"][0]
                currency = capture["amount"]["currency_code"]
                total = round(float(capture["amount"]["value"]) * 100)
                refunded = round(float(capture["refunded"]) * 100)
                want = body.get("amount")
                cents = round(float(want["value"]) * 100) if want else total - refunded
                if cents < 1 or refunded + cents > total:
                    return self._error(422, "UNPROCESSABLE_ENTITY", "REFUND_AMOUNT_EXCEEDED")
                capture["refunded"] = f"{(refunded + cents) / 100:.2f}"
                if refunded + cents == total:
                    capture["status"] = "REFUNDED"
                else:
                    capture["status"] = "PARTIALLY_REFUNDED"
                rid = _pp_id()
                refund = {"id": rid, "status": "COMPLETED",
                          "amount": {"currency_code": currency, "value": f"{cents / 100:.2f}"},
                          "custom_id": body.get("custom_id"),
                          "links": [{"rel": "up", "method": "GET",
                                     "href": f"http://{self.headers.get('Host')}/v2/payments/captures/{parts[3]}"}]}
                state.refunds[rid] = refund
                return 201, refund
            if method == "POST" and parts == ["v1", "notifications", "verify-webhook-signature"]:
                state.verifications += 1
                needed = ["auth_algo", "cert_url", "transmission_id", "transmission_sig",
                          "transmission_time", "webhook_id", "webhook_event"]
                if any(k not in body for k in needed):
                    return self._error(400, "VALIDATION_ERROR", "MISSING_REQUIRED_PARAMETER")
                ok = body["webhook_id"] == state.webhook_id and hmac.compare_digest(
                    body["transmission_sig"],
                    _expected_sig(body["transmission_id"], body["transmission_time"],
                                  body["webhook_id"], body["webhook_event"]))
                return 200, {"verification_status": "SUCCESS" if ok else "FAILURE"}
            return self._error(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID")

        def _control(self, parts):
            if parts == ["_fake", "state"]:
                return self._send(200, state.snapshot())
            with state.lock:
                if len(parts) == 4 and parts[1] == "orders" and parts[3] == "approve":
                    order = state.orders[parts[2]]
                    order["status"] = "APPROVED"
                    order["links"] = self._links(order["id"], "APPROVED")
                    return self._send(200, order)
            return self._send(404, {"error": "no such control"})

    return Handler


class PaypalFake:
    def __init__(self, client_id="fake-client", client_secret="fake-secret", webhook_id="WH-FAKE-ID"):
        self.state = PaypalState(client_id, client_secret, webhook_id)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def order(self, paypal_order_id):
        with self.state.lock:
            return json.loads(json.dumps(self.state.orders[paypal_order_id]))

    def order_for(self, our_order_id):
        with self.state.lock:
            for o in self.state.orders.values():
                if o["purchase_units"][0].get("reference_id") == our_order_id:
                    return json.loads(json.dumps(o))
        return None

    def approve(self, paypal_order_id):
        with self.state.lock:
            order = self.state.orders[paypal_order_id]
            order["status"] = "APPROVED"


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    cid = sys.argv[2] if len(sys.argv) > 2 else "fake-client"
    secret = sys.argv[3] if len(sys.argv) > 3 else "fake-secret"
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(PaypalState(cid, secret, "WH-FAKE-ID")))
    print(f"paypal fake on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()

"""A local stand-in for Stripe's REST API, for the Stripe adapter's end-to-end tests.

It follows Stripe's documented requests and responses for what the adapter uses:
form-encoded POSTs with `Authorization: Bearer sk_…` and `Idempotency-Key`
(a key replayed with the same parameters returns the first response, with other
parameters answers 400 idempotency_error), PaymentIntents (create, confirm, retrieve,
cancel), Refunds, and Stripe's error objects (402 card_error with the intent inside,
400 payment_intent_unexpected_state, 401 for a bad key). Test card payment methods:
pm_card_visa pays, pm_card_chargeDeclined / pm_card_visa_chargeDeclined are declined.

Extra endpoints under /_fake/ let a test look inside and play the browser
(client-side confirmation) or the dashboard (a refund made at Stripe).

Run standalone: python3 stripe_fake.py [port] [secret_key]
"""
import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DECLINING = {"pm_card_chargeDeclined", "pm_card_visa_chargeDeclined"}


def sign_webhook(payload: bytes, secret: str, timestamp=None) -> str:
    """The Stripe-Signature header Stripe sends with a webhook."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def event(event_type, obj, event_id=None):
    return {
        "id": event_id or "evt_" + secrets.token_hex(12),
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "livemode": False,
        "type": event_type,
        "data": {"object": obj},
    }


class StripeState:
    def __init__(self, secret_key):
        self.secret_key = secret_key
        self.lock = threading.Lock()
        self.intents = {}
        self.charges = {}
        self.refunds = {}
        self.idempotency = {}  # key -> (fingerprint, status, body)
        self.requests = []     # (method, path, idempotency_key, params)
        self.traceparents = []  # the W3C traceparent header of each API request, or None
        self.fail_next = 0     # answer this many requests with 500 (transient errors)

    def snapshot(self):
        with self.lock:
            return {
                "intents": self.intents,
                "charges": self.charges,
                "refunds": self.refunds,
                "requests": self.requests,
                "traceparents": self.traceparents,
            }


def _intent_error(intent, code, message, decline_code=None, status=402, kind="card_error"):
    err = {"type": kind, "code": code, "message": message, "payment_intent": intent}
    if decline_code:
        err["decline_code"] = decline_code
    return status, {"error": err}


def make_handler(state: StripeState):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, status, body, extra=None):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", "req_" + secrets.token_hex(8))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _params(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            return raw, {k: v[-1] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

        def _dispatch(self, method):
            path = urllib.parse.urlparse(self.path).path
            raw, params = self._params() if method == "POST" else ("", {})
            if path.startswith("/_fake/"):
                return self._control(method, path, params, raw)
            if self.headers.get("Authorization") != f"Bearer {state.secret_key}":
                return self._send(401, {"error": {"type": "invalid_request_error",
                                                  "message": "Invalid API Key provided"}})
            key = self.headers.get("Idempotency-Key")
            with state.lock:
                state.requests.append([method, path, key, params])
                state.traceparents.append(self.headers.get("traceparent"))
                if state.fail_next > 0:
                    state.fail_next -= 1
                    return self._send(500, {"error": {"type": "api_error", "message": "fake outage"}})
            if method == "POST":
                if not key:
                    return self._send(400, {"error": {"type": "invalid_request_error",
                                                      "message": "this fake requires Idempotency-Key"}})
                fingerprint = (path, raw)
                with state.lock:
                    seen = state.idempotency.get(key)
                if seen:
                    if seen[0] != fingerprint:
                        return self._send(400, {"error": {
                            "type": "idempotency_error",
                            "message": "Keys for idempotent requests can only be used with the "
                                       "same parameters they were first used with."}})
                    return self._send(seen[1], seen[2], {"Idempotent-Replayed": "true"})
                status, body = self._api(method, path, params)
                with state.lock:
                    state.idempotency[key] = (fingerprint, status, body)
                return self._send(status, body)
            status, body = self._api(method, path, params)
            return self._send(status, body)

        # -- Stripe's API -------------------------------------------------------------
        def _api(self, method, path, params):
            parts = path.strip("/").split("/")
            with state.lock:
                if method == "POST" and parts == ["v1", "payment_intents"]:
                    return self._create_intent(params)
                if len(parts) >= 3 and parts[:2] == ["v1", "payment_intents"]:
                    intent = state.intents.get(parts[2])
                    if not intent:
                        return 404, {"error": {"type": "invalid_request_error",
                                               "code": "resource_missing",
                                               "message": f"No such payment_intent: '{parts[2]}'"}}
                    if method == "GET" and len(parts) == 3:
                        return 200, intent
                    if method == "POST" and parts[3:] == ["confirm"]:
                        return self._confirm(intent, params.get("payment_method"))
                    if method == "POST" and parts[3:] == ["cancel"]:
                        return self._cancel(intent)
                if method == "POST" and parts == ["v1", "refunds"]:
                    return self._refund(params)
            return 404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}}

        def _create_intent(self, params):
            try:
                amount = int(params["amount"])
                currency = params["currency"]
            except (KeyError, ValueError):
                return 400, {"error": {"type": "invalid_request_error", "code": "parameter_missing",
                                       "message": "Missing required param: amount or currency."}}
            if amount < 1 or currency != currency.lower():
                return 400, {"error": {"type": "invalid_request_error", "code": "parameter_invalid_integer",
                                       "message": "Invalid amount or currency."}}
            pid = "pi_" + secrets.token_hex(12)
            metadata = {k[len("metadata["):-1]: v for k, v in params.items() if k.startswith("metadata[")}
            intent = {
                "id": pid, "object": "payment_intent", "amount": amount, "currency": currency,
                "status": "requires_payment_method", "client_secret": f"{pid}_secret_{secrets.token_hex(8)}",
                "metadata": metadata, "last_payment_error": None, "latest_charge": None,
                "payment_method": None, "description": params.get("description"),
                "receipt_email": params.get("receipt_email"), "created": int(time.time()),
                "livemode": False, "confirmations": 0,
            }
            state.intents[pid] = intent
            if params.get("payment_method"):
                intent["payment_method"] = params["payment_method"]
                intent["status"] = "requires_confirmation"
            if params.get("confirm") == "true":
                return self._confirm(intent, params.get("payment_method"))
            return 200, intent

        def _confirm(self, intent, payment_method):
            if intent["status"] in ("succeeded", "canceled", "processing"):
                return _intent_error(intent, "payment_intent_unexpected_state",
                                     f"This PaymentIntent's status is {intent['status']}.",
                                     status=400, kind="invalid_request_error")
            if not payment_method:
                return 400, {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
                                       "message": "You cannot confirm this PaymentIntent because it's missing a payment method."}}
            intent["payment_method"] = payment_method
            intent["confirmations"] += 1
            if payment_method in DECLINING:
                intent["status"] = "requires_payment_method"
                intent["last_payment_error"] = {"type": "card_error", "code": "card_declined",
                                                "decline_code": "generic_decline",
                                                "message": "Your card was declined."}
                return _intent_error(dict(intent), "card_declined", "Your card was declined.", "generic_decline")
            self._succeed(intent)
            return 200, intent

        def _succeed(self, intent):
            cid = "ch_" + secrets.token_hex(12)
            state.charges[cid] = {"id": cid, "object": "charge", "amount": intent["amount"],
                                  "amount_refunded": 0, "currency": intent["currency"],
                                  "payment_intent": intent["id"], "refunded": False,
                                  "metadata": intent["metadata"],
                                  "refunds": {"object": "list", "data": []}}
            intent["status"] = "succeeded"
            intent["last_payment_error"] = None
            intent["latest_charge"] = cid

        def _cancel(self, intent):
            if intent["status"] in ("succeeded", "canceled"):
                return _intent_error(dict(intent), "payment_intent_unexpected_state",
                                     f"You cannot cancel this PaymentIntent because it has a status of {intent['status']}.",
                                     status=400, kind="invalid_request_error")
            intent["status"] = "canceled"
            intent["canceled_at"] = int(time.time())
            return 200, intent

        def _refund(self, params, metadata=None):
            intent = state.intents.get(params.get("payment_intent", ""))
            if not intent or intent["status"] != "succeeded":
                return 400, {"error": {"type": "invalid_request_error", "code": "charge_not_refundable",
                                       "message": "This PaymentIntent does not have a successful charge to refund."}}
            charge = state.charges[intent["latest_charge"]]
            remaining = charge["amount"] - charge["amount_refunded"]
            amount = int(params.get("amount", remaining))
            if amount < 1 or amount > remaining:
                return 400, {"error": {"type": "invalid_request_error", "code": "amount_too_large",
                                       "message": "Refund amount is greater than unrefunded amount on charge."}}
            rid = "re_" + secrets.token_hex(12)
            md = metadata if metadata is not None else {
                k[len("metadata["):-1]: v for k, v in params.items() if k.startswith("metadata[")}
            refund = {"id": rid, "object": "refund", "amount": amount, "currency": charge["currency"],
                      "charge": charge["id"], "payment_intent": intent["id"], "status": "succeeded",
                      "metadata": md, "created": int(time.time())}
            state.refunds[rid] = refund
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
            charge["refunds"]["data"].insert(0, refund)
            return 200, refund

        # -- test controls ------------------------------------------------------------
        def _control(self, method, path, params, raw):
            parts = path.strip("/").split("/")
            if parts == ["_fake", "state"]:
                return self._send(200, state.snapshot())
            if parts == ["_fake", "fail-next"]:
                with state.lock:
                    state.fail_next = int(params.get("count", "1"))
                return self._send(200, {"ok": True})
            with state.lock:
                if len(parts) == 4 and parts[1] == "intents" and parts[3] == "succeed":
                    intent = state.intents[parts[2]]
                    intent["payment_method"] = "pm_card_visa"
                    intent["confirmations"] += 1
                    self._succeed(intent)
                    return self._send(200, intent)
                if len(parts) == 4 and parts[1] == "intents" and parts[3] == "fail":
                    intent = state.intents[parts[2]]
                    intent["status"] = "requires_payment_method"
                    intent["last_payment_error"] = {"type": "card_error", "code": "card_declined",
                                                    "decline_code": "generic_decline",
                                                    "message": "Your card was declined."}
                    return self._send(200, intent)
                if len(parts) == 4 and parts[1] == "intents" and parts[3] == "dashboard-refund":
                    status, body = self._refund({"payment_intent": parts[2], **params}, metadata={})
                    return self._send(status, body)
                if len(parts) == 3 and parts[1] == "charges":
                    return self._send(200, state.charges[parts[2]])
            return self._send(404, {"error": "no such control"})

    return Handler


class StripeFake:
    """Starts the fake on a free loopback port in a background thread."""

    def __init__(self, secret_key="sk_test_fake"):
        self.state = StripeState(secret_key)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def intent_for_order(self, order_id):
        with self.state.lock:
            for intent in self.state.intents.values():
                if intent["metadata"].get("order_id") == order_id:
                    return json.loads(json.dumps(intent))
        return None

    def charge(self, charge_id):
        with self.state.lock:
            return json.loads(json.dumps(self.state.charges[charge_id]))


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    key = sys.argv[2] if len(sys.argv) > 2 else "sk_test_fake"
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(StripeState(key)))
    print(f"stripe fake on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()

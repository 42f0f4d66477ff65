"""A local stand-in for SendGrid's v3 Mail Send API, for the SendGrid adapter's tests.

It follows SendGrid's documented request and response for POST /v3/mail/send:
`Authorization: Bearer <API key>` (a missing or wrong key → 401 with SendGrid's error
object), a JSON body with `personalizations` (1–1000, each with 1+ `to` addresses),
`from.email`, a `subject` (top level or in every personalization) and `content` (each
`{type, value}` with a non-empty value; text/plain, when present, must come first and
text/html after it), answered 202 Accepted with an empty body and an `X-Message-Id`
header. Bad requests get 400 `{"errors": [{"message", "field", "help"}]}`; bodies over
30 MB get 413.

Extra endpoints under /_fake/ let a test look inside and inject failures:
  GET  /_fake/messages            every accepted request body, oldest first, with its id
  POST /_fake/fail?status=503&count=2   answer the next `count` sends with `status`
  POST /_fake/reset               forget messages and pending failures

Run standalone: python3 sendgrid_fake.py [port] [api_key]
"""
import json
import secrets
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 30 * 1024 * 1024


def _error(message, field=None, help_url=None):
    return {"errors": [{"message": message, "field": field, "help": help_url}]}


def validate(body):
    """SendGrid's documented rules for the parts this platform sends; None when valid."""
    if not isinstance(body, dict):
        return _error("Bad Request", None)
    personalizations = body.get("personalizations")
    if not isinstance(personalizations, list) or not personalizations:
        return _error("The personalizations field is required and must have at least one "
                      "personalization.", "personalizations",
                      "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#-Personalizations-Errors")
    if len(personalizations) > 1000:
        return _error("You may not have more than 1000 personalizations per API request.",
                      "personalizations")
    for i, p in enumerate(personalizations):
        to = p.get("to") if isinstance(p, dict) else None
        if not isinstance(to, list) or not to:
            return _error("The to array is required for all personalization objects, and must "
                          "have at least one email object with a valid email address.",
                          f"personalizations.{i}.to")
        for j, address in enumerate(to):
            email = address.get("email") if isinstance(address, dict) else None
            if not isinstance(email, str) or "@" not in email or any(c in email for c in " <>,;\r\n"):
                return _error("Does not contain a valid address.",
                              f"personalizations.{i}.to.{j}.email")
    sender = body.get("from")
    if not isinstance(sender, dict) or not isinstance(sender.get("email"), str) or "@" not in sender["email"]:
        return _error("The from object must be provided for every email send. It is an object "
                      "that requires an email parameter, but may also contain a name parameter.",
                      "from.email")
    subject = body.get("subject")
    if not (isinstance(subject, str) and subject) and not all(
            isinstance(p.get("subject"), str) and p.get("subject") for p in personalizations):
        return _error("The subject is required. You can get around this requirement if you use "
                      "a template with a subject defined or if every personalization has a subject "
                      "defined.", "subject")
    content = body.get("content")
    if not isinstance(content, list) or not content:
        return _error("Unless a valid template_id is provided, the content parameter is required. "
                      "There must be at least one defined content block.", "content")
    types = []
    for i, block in enumerate(content):
        if not isinstance(block, dict) or not isinstance(block.get("type"), str) or not block["type"]:
            return _error("The content type cannot contain ';', or CRLF characters, and must be "
                          "at least 1 character long.", f"content.{i}.type")
        if not isinstance(block.get("value"), str) or not block["value"]:
            return _error("The content value must be a string at least one character in length.",
                          f"content.{i}.value")
        types.append(block["type"])
    if "text/plain" in types and types.index("text/plain") != 0:
        return _error("If present, text/plain content must be first, followed by text/html, "
                      "followed by any other content.", "content")
    if "text/html" in types and types.index("text/html") != (1 if "text/plain" in types else 0):
        return _error("If present, text/plain content must be first, followed by text/html, "
                      "followed by any other content.", "content")
    return None


class SendGridState:
    def __init__(self, api_key):
        self.api_key = api_key
        self.lock = threading.Lock()
        self.messages = []     # {"id", "body", "headers"}
        self.failures = []     # statuses to answer the next sends with


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, status, body=None, headers=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self):
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def do_GET(self):
            if self.path == "/_fake/messages":
                with state.lock:
                    return self._send(200, {"messages": list(state.messages)})
            self._send(404, _error("not found"))

        def do_POST(self):
            url = urllib.parse.urlparse(self.path)
            if url.path == "/_fake/fail":
                self._body()
                q = urllib.parse.parse_qs(url.query)
                status = int(q.get("status", ["503"])[0])
                count = int(q.get("count", ["1"])[0])
                with state.lock:
                    state.failures.extend([status] * count)
                return self._send(204)
            if url.path == "/_fake/reset":
                self._body()
                with state.lock:
                    state.messages.clear()
                    state.failures.clear()
                return self._send(204)
            if url.path != "/v3/mail/send":
                self._body()
                return self._send(404, _error("not found"))

            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.close_connection = True
                return self._send(413, _error("Payload Too Large"))
            raw = self._body()
            auth = self.headers.get("Authorization", "")
            if auth != f"Bearer {state.api_key}":
                return self._send(401, _error("The provided authorization grant is invalid, "
                                              "expired, or revoked", None))
            with state.lock:
                if state.failures:
                    status = state.failures.pop(0)
                    body = _error("Too many requests") if status == 429 else _error("Internal error")
                    return self._send(status, body)
            try:
                body = json.loads(raw)
            except ValueError:
                return self._send(400, _error("Bad Request", None))
            problem = validate(body)
            if problem:
                return self._send(400, problem)
            message_id = secrets.token_urlsafe(16)
            with state.lock:
                state.messages.append({"id": message_id, "body": body,
                                       "headers": {k: v for k, v in self.headers.items()
                                                   if k.lower() != "authorization"}})
            self._send(202, None, {"X-Message-Id": message_id})

    return Handler


class SendGridFake:
    """Starts the fake on a free loopback port in a background thread."""

    def __init__(self, api_key="SG.test-key"):
        self.state = SendGridState(api_key)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def messages(self):
        with self.state.lock:
            return json.loads(json.dumps(self.state.messages))

    def fail_next(self, status, count=1):
        with self.state.lock:
            self.state.failures.extend([status] * count)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    key = sys.argv[2] if len(sys.argv) > 2 else "SG.test-key"
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(SendGridState(key)))
    print(f"sendgrid fake on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()

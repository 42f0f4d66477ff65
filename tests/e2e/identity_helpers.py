"""Shared helpers for the auth and users end-to-end tests."""
import base64
import json
import pathlib
import re
import uuid

from waiting import wait_until

# Every password a test sends, so the last test can prove none reached the logs.
PASSWORDS = set()
SECRETS = set()  # tokens handed out during the run, for the same check


def unique_email(prefix="user"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def password(label="pw"):
    value = f"{label}-{uuid.uuid4().hex[:12]}-Secret"
    PASSWORDS.add(value)
    return value


def remember(session):
    SECRETS.add(session["accessToken"])
    SECRETS.add(session["refreshToken"])
    return session


def register(api, email=None, pw=None, name="Test User"):
    email = email or unique_email()
    pw = pw or password()
    r = api.post("/v2/auth/register", {"email": email, "password": pw, "name": name})
    assert r.status == 201, r
    return email, pw, remember(r.json)


def login(api, email, pw):
    r = api.post("/v2/auth/login", {"email": email, "password": pw})
    assert r.status == 200, r
    return remember(r.json)


def create_admin(server, api):
    email = unique_email("admin")
    pw = password("admin")
    done = server.cli("user", "create", "--email", email, "--password", pw, "--role", "admin",
                      "--name", "Admin")
    assert done.returncode == 0, done.stderr
    return email, pw, login(api, email, pw)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_parts(token):
    header, payload, _ = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)
    return (json.loads(base64.urlsafe_b64decode(pad(header))),
            json.loads(base64.urlsafe_b64decode(pad(payload))))


def reset_token_from_mailbox(server, email, timeout=30.0):
    """The token in the newest reset email sent to `email`, waiting up to `timeout` seconds
    for it: the notification service sends it from auth's event, after the 202."""
    box = pathlib.Path(server.tmp) / "mailbox"

    def newest_token():
        mails = sorted(box.glob("*.eml"), key=lambda p: p.stat().st_mtime) if box.exists() else []
        for path in reversed(mails):
            text = path.read_text()
            if not re.search(rf"^To: .*{re.escape(email)}\r?$", text, re.MULTILINE):
                continue
            m = re.search(r"reset-password\?token=([A-Za-z0-9_-]+)", text)
            if m:
                return m.group(1)
        return None

    return wait_until(newest_token, timeout)


def assert_no_secrets_in_logs(server):
    logs = server.logs()
    assert PASSWORDS, "the module used no passwords?"
    leaked = [p for p in PASSWORDS if p in logs]
    assert not leaked, f"{len(leaked)} password(s) appear in the server log"
    leaked = [t for t in SECRETS if t in logs]
    assert not leaked, f"{len(leaked)} token(s) appear in the server log"
    assert "$argon2id$" not in logs

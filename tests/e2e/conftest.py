"""End-to-end tests over HTTP against a real `ultramarket serve` process.

Each test module gets a fresh server (fresh data dir) per store: SQLite always, and
PostgreSQL when UM_TEST_DATABASE_URL is set (the test command always sets it). Tests use
the `api` fixture: a tiny JSON client built on the standard library.
"""
import json
import os
import pathlib
import re
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("UM_BINARY", ROOT / "build" / "ultramarket"))


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def json(self):
        return json.loads(self.body) if self.body else None

    def __repr__(self):
        return f"Reply({self.status}, {self.body[:300]!r})"


class Api:
    def __init__(self, base):
        self.base = base

    def request(self, method, path, body=None, headers=None, raw=None, token=None):
        data = raw
        hdrs = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return Reply(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.headers, e.read())

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class ServerProcess:
    """One `ultramarket serve` with its own data dir (and its own PostgreSQL database)."""

    def __init__(self, store, extra_env=None, args=()):
        self.store = store
        self.tmp = tempfile.mkdtemp(prefix="um-e2e-")
        self.env = dict(os.environ)
        # Every request comes from 127.0.0.1, so the per-client rate limit is lifted here;
        # test_operations.py tests it with its own small limit.
        self.env.update({"LOG_LEVEL": "info", "PORT": "0", "RATE_LIMIT_MAX": "100000000"})
        self.env.pop("DATABASE_URL", None)
        if store == "postgres":
            self.env["DATABASE_URL"] = fresh_postgres_database()
        self.env.update(extra_env or {})
        self.args = list(args)
        self.log_path = pathlib.Path(self.tmp) / "server.log"
        self.proc = None
        self.url = None

    def start(self):
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [str(BINARY), "serve", "--data-dir", self.tmp, *self.args],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 60
        for line in self.proc.stdout:
            self.log.write(line)
            m = re.search(r"running at (http://127\.0\.0\.1:\d+)/", line)
            if m:
                self.url = m.group(1)
                break
            if time.time() > deadline:
                break
        if not self.url:
            self.proc.kill()
            self.log.close()
            raise RuntimeError("server did not start:\n" + self.log_path.read_text())
        # Keep draining stdout so the server never blocks on a full pipe.
        self.pump = threading.Thread(target=self._pump, daemon=True)
        self.pump.start()
        return self

    def _pump(self):
        for line in self.proc.stdout:
            self.log.write(line)
            self.log.flush()

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.pump.join(timeout=5)
            self.log.close()
        return self.proc.returncode if self.proc else None

    def logs(self):
        return self.log_path.read_text()

    def cli(self, *args, input=None):
        """Runs another `ultramarket` subcommand on the same stores."""
        return subprocess.run([str(BINARY), *args, "--data-dir", self.tmp], env=self.env,
                              capture_output=True, text=True, input=input, timeout=300)


def fresh_postgres_database():
    """A new empty database on the test server, so modules never see each other's rows."""
    base = os.environ["UM_TEST_DATABASE_URL"]
    name = "e2e_" + uuid.uuid4().hex[:12]
    admin = re.sub(r"/[^/]*$", "/postgres", base)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True,
                   capture_output=True)
    return re.sub(r"/[^/]*$", "/" + name, base)


def stores():
    out = ["sqlite"]
    if os.environ.get("UM_TEST_DATABASE_URL"):
        out.append("postgres")
    return out


@pytest.fixture(scope="module", params=stores())
def server(request):
    """One server per module and store; a module sets SERVER_ENV to configure it."""
    s = ServerProcess(request.param, extra_env=getattr(request.module, "SERVER_ENV", None)).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def api(server):
    return Api(server.url)


@pytest.fixture(scope="module")
def admin(server, api):
    """An admin's access token on the module's server."""
    from checkout_helpers import admin_token  # it imports this module
    return admin_token(server, api)


@pytest.fixture(scope="module")
def cat(api, admin):
    """A fresh category on the module's server."""
    from checkout_helpers import category
    return category(api, admin)


def assert_error(reply, status, code=None, field=None):
    """The contract's error JSON: {"error": {code, message, field?, requestId}}."""
    assert reply.status == status, reply
    err = reply.json["error"]
    assert isinstance(err["message"], str) and err["message"]
    assert err["requestId"]
    if code:
        assert err["code"] == code, reply
    if field:
        assert err.get("field") == field, reply
    return err

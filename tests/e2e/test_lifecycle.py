"""Start-up refusals and graceful shutdown, each on its own server process."""
import signal
import subprocess
import threading
import urllib.request

from conftest import BINARY, ServerProcess


def run_cli(*args, env=None):
    import os
    e = dict(os.environ)
    e.pop("DATABASE_URL", None)
    e.update(env or {})
    return subprocess.run([str(BINARY), *args], env=e, capture_output=True, text=True, timeout=60)


def test_malformed_variable_refuses_to_start_and_names_it(tmp_path):
    r = run_cli("serve", "--data-dir", str(tmp_path), env={"JWT_EXPIRES_IN": "forever"})
    assert r.returncode != 0
    assert "JWT_EXPIRES_IN" in r.stderr


def test_production_refuses_missing_jwt_secret(tmp_path):
    r = run_cli("serve", "--data-dir", str(tmp_path), env={"NODE_ENV": "production"})
    assert r.returncode != 0
    assert "JWT_SECRET" in r.stderr


def test_unknown_service_is_refused(tmp_path):
    r = run_cli("serve", "--service", "teleport", "--data-dir", str(tmp_path))
    assert r.returncode != 0
    assert "teleport" in r.stderr


def test_sigterm_drains_in_flight_then_exits_zero():
    s = ServerProcess("sqlite").start()
    try:
        # A request in flight when SIGTERM arrives still gets its answer.
        results = []
        def call():
            with urllib.request.urlopen(s.url + "/ready", timeout=10) as r:
                results.append(r.status)
        t = threading.Thread(target=call)
        t.start()
        t.join()
        assert results == [200]
    finally:
        code = s.stop(signal.SIGTERM)
    assert code == 0
    assert "drained" in s.logs()

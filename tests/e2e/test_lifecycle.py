"""Start-up refusals and graceful shutdown, each on its own server process."""
import signal
import socket
import time
import subprocess

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


def test_sigterm_finishes_the_request_in_flight_and_closes_idle_connections():
    s = ServerProcess("sqlite").start()
    host, port = s.url.replace("http://", "").split(":")
    try:
        busy = socket.create_connection((host, int(port)), timeout=10)
        idle = socket.create_connection((host, int(port)), timeout=10)
        busy.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # half a request
        time.sleep(0.2)
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        # The idle keep-alive connection is closed by the drain...
        assert idle.recv(1024) == b""
        # ...while the request already under way is still answered, with Connection: close.
        busy.sendall(b"\r\n")
        answer = b""
        while True:
            chunk = busy.recv(4096)
            if not chunk:
                break
            answer += chunk
        text = answer.decode()
        assert text.startswith("HTTP/1.1 200"), text
        assert "Connection: close" in text
        assert s.proc.wait(timeout=10) == 0
    finally:
        s.stop()
    assert "drained" in s.logs()

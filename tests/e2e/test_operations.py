"""/health, /ready, /metrics and the error JSON, as the contract's Operations section says."""
import re
import socket
import time

from conftest import Api, ServerProcess, assert_error, stores


def test_health_names_service_and_version(api):
    r = api.get("/health")
    assert r.status == 200
    assert r.json["status"] == "ok"
    assert r.json["service"] == "all-in-one"
    assert r.json["version"]


def test_admin_health_answers_like_health(api):
    assert api.get("/admin/health").json["status"] == "ok"


def test_ready_lists_every_store(api):
    r = api.get("/ready")
    assert r.status == 200, r
    checks = r.json["checks"]
    assert checks and all(v == "ok" for v in checks.values())


def test_request_id_is_generated_and_echoed(api):
    r = api.get("/health")
    assert re.fullmatch(r"[0-9a-f]{32}", r.headers["X-Request-Id"])
    r = api.get("/health", headers={"X-Request-Id": "abc-123"})
    assert r.headers["X-Request-Id"] == "abc-123"


def test_unknown_v2_path_is_json_404(api):
    err = assert_error(api.get("/v2/no-such-thing", headers={"X-Request-Id": "rid-1"}), 404,
                       "not_found")
    assert err["requestId"] == "rid-1"


def test_wrong_method_is_405_with_allow(api):
    r = api.post("/health", body={})
    assert_error(r, 405, "method_not_allowed")
    assert "GET" in r.headers["Allow"]


def test_metrics_exposes_the_alert_rule_names(api):
    api.get("/health")
    api.get("/v2/missing")
    text = api.get("/metrics").body.decode()
    assert re.search(r'http_requests_total\{[^}]*route="/health"[^}]*status="200"', text) or \
        re.search(r'http_requests_total\{[^}]*status="200"[^}]*route="/health"', text)
    assert 'status="404"' in text
    assert "http_request_duration_seconds_bucket{" in text
    assert "# TYPE http_request_duration_seconds histogram" in text


def raw_exchange(url, payload, read_timeout=10):
    host, port = url.replace("http://", "").split(":")
    with socket.create_connection((host, int(port)), timeout=read_timeout) as s:
        s.sendall(payload)
        chunks = []
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
        except socket.timeout:
            pass
        return b"".join(chunks).decode(errors="replace")


def test_body_over_one_mib_is_413(server):
    body = b"x" * (1024 * 1024 + 1)
    head = (f"POST /v2/anything HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    answer = raw_exchange(server.url, head + body)
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert '"code":"payload_too_large"' in answer
    request_id = re.search(r"(?im)^X-Request-Id: (\S+)\r$", answer)
    assert request_id and f'"requestId":"{request_id.group(1)}"' in answer, answer[:400]


def test_garbage_is_400_not_a_crash(server, api):
    answer = raw_exchange(server.url, b"NOT HTTP AT ALL\r\n\r\n")
    assert answer.startswith("HTTP/1.1 400"), answer[:200]
    assert api.get("/health").status == 200


def test_keep_alive_serves_several_requests_on_one_connection(server):
    req = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
    answer = raw_exchange(server.url, req * 3 + b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answer.count("HTTP/1.1 200") == 4


def test_slow_client_is_cut_off_and_others_are_served(server, api):
    host, port = server.url.replace("http://", "").split(":")
    slow = socket.create_connection((host, int(port)))
    slow.sendall(b"GET /health HTTP/1.1\r\nHo")  # and then nothing
    t0 = time.time()
    assert api.get("/health").status == 200
    assert time.time() - t0 < 5
    slow.close()


def test_the_api_is_rate_limited_per_client_with_retry_after():
    s = ServerProcess(stores()[0], extra_env={"RATE_LIMIT_MAX": "5", "RATE_LIMIT_WINDOW": "60"}).start()
    try:
        api = Api(s.url)
        answers = [api.get("/v2/categories") for _ in range(6)]
        assert [a.status for a in answers[:5]] == [200] * 5
        refused = answers[5]
        assert_error(refused, 429, "rate_limited")
        assert 1 <= int(refused.headers["Retry-After"]) <= 3600
        assert refused.headers["X-Request-Id"]
        # Not the API: probes, metrics and webhooks are never turned away.
        assert api.get("/health").status == 200 and api.get("/metrics").status == 200
        assert api.post("/v2/payments/webhooks/stripe", {}).status == 400  # unsigned, not 429
        assert 'status="429"' in api.get("/metrics").body.decode()
    finally:
        s.stop()

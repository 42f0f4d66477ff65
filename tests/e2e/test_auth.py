"""The contract's Auth section over HTTP: register, login, refresh, logout, password
forgot/reset, access tokens, brute-force protection and the admin role gate."""
import hashlib
import hmac
import json
import statistics
import time

from conftest import assert_error
from identity_helpers import (assert_no_secrets_in_logs, b64url, create_admin, jwt_parts, login,
                              password, register, remember, reset_token_from_mailbox,
                              unique_email)


# --- register -----------------------------------------------------------------------------

def test_register_returns_user_and_token_pair(api):
    email = unique_email()
    pw = password()
    r = api.post("/v2/auth/register", {"email": email, "password": pw, "name": "Ann Smith"})
    assert r.status == 201, r
    body = remember(r.json)
    assert body["user"]["email"] == email
    assert body["user"]["name"] == "Ann Smith"
    assert body["user"]["role"] == "customer"
    assert body["user"]["id"]
    assert body["refreshToken"] and body["accessToken"]
    assert isinstance(body["expiresIn"], int) and body["expiresIn"] > 0
    header, claims = jwt_parts(body["accessToken"])
    assert header["alg"] == "HS256"
    assert claims["sub"] == body["user"]["id"]
    assert claims["role"] == "customer"
    assert claims["exp"] - claims["iat"] == body["expiresIn"]
    assert pw not in r.body.decode()


def test_register_taken_email_is_409_case_insensitively(api):
    email, _, _ = register(api)
    r = api.post("/v2/auth/register",
                 {"email": email.upper(), "password": password(), "name": "Other"})
    assert_error(r, 409, "email_taken")


def test_register_refuses_bad_email(api):
    for bad in ["not-an-email", "a@b", "two@@example.com", "sp ace@example.com", ""]:
        r = api.post("/v2/auth/register", {"email": bad, "password": password(), "name": "N"})
        assert_error(r, 400, field="email")


def test_register_refuses_short_password(api):
    short = "short7!"
    r = api.post("/v2/auth/register", {"email": unique_email(), "password": short, "name": "N"})
    err = assert_error(r, 400, field="password")
    assert short not in err["message"]


def test_register_refuses_missing_wrongly_typed_and_overlong_fields(api):
    base = {"email": unique_email(), "password": password(), "name": "Name"}
    for field in base:
        body = dict(base)
        del body[field]
        assert_error(api.post("/v2/auth/register", body), 400, field=field)
        body[field] = 12345
        assert_error(api.post("/v2/auth/register", body), 400, field=field)
        body[field] = None
        assert_error(api.post("/v2/auth/register", body), 400, field=field)
    assert_error(api.post("/v2/auth/register", {**base, "name": "x" * 101}), 400, field="name")
    assert_error(api.post("/v2/auth/register", {**base, "password": "p" * 129}), 400,
                 field="password")
    assert_error(api.post("/v2/auth/register",
                          {**base, "email": "a" * 250 + "@example.com"}), 400, field="email")
    assert_error(api.post("/v2/auth/register", {**base, "name": "   "}), 400, field="name")


def test_register_refuses_unknown_fields_such_as_role(api):
    body = {"email": unique_email(), "password": password(), "name": "N", "role": "admin"}
    assert_error(api.post("/v2/auth/register", body), 400, field="role")


def test_register_bad_bodies_are_4xx(api):
    assert_error(api.post("/v2/auth/register", raw=b"{not json",
                          headers={"Content-Type": "application/json"}), 400, "malformed_json")
    assert_error(api.post("/v2/auth/register", raw=b"[1, 2]",
                          headers={"Content-Type": "application/json"}), 400)
    assert_error(api.post("/v2/auth/register", raw=b"email=a",
                          headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)


# --- login --------------------------------------------------------------------------------

def test_login_returns_the_same_shape(api):
    email, pw, reg = register(api, name="Lou")
    body = login(api, email.upper(), pw)
    assert body["user"] == reg["user"]
    assert body["accessToken"] and body["refreshToken"] != reg["refreshToken"]
    assert body["expiresIn"] == reg["expiresIn"]


def test_login_wrong_password_and_unknown_email_answer_alike(api):
    email, _, _ = register(api)
    wrong = api.post("/v2/auth/login", {"email": email, "password": password("wrong")})
    unknown = api.post("/v2/auth/login", {"email": unique_email(), "password": password()})
    e1 = assert_error(wrong, 401, "invalid_credentials")
    e2 = assert_error(unknown, 401, "invalid_credentials")
    assert e1["message"] == e2["message"]
    assert set(wrong.json["error"]) == set(unknown.json["error"])


def test_login_timing_does_not_reveal_whether_an_email_exists(api):
    email, _, _ = register(api)
    other_email = unique_email()

    def timed(e):
        start = time.perf_counter()
        r = api.post("/v2/auth/login", {"email": e, "password": password("t")})
        assert r.status == 401
        return time.perf_counter() - start

    # One attempt each per account keeps both well under the lockout; interleaved so load
    # from other processes hits both alike.
    known, unknown = [], []
    for _ in range(2):
        known.append(timed(email))
        unknown.append(timed(other_email))
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.4 < ratio < 2.5, (known, unknown)


def test_login_missing_fields_are_400(api):
    assert_error(api.post("/v2/auth/login", {"email": unique_email()}), 400, field="password")
    assert_error(api.post("/v2/auth/login", {"password": password()}), 400, field="email")
    assert_error(api.post("/v2/auth/login", {"email": ["x"], "password": "p"}), 400,
                 field="email")


# --- refresh and logout -------------------------------------------------------------------

def test_refresh_rotates_the_pair(api):
    _, _, s = register(api)
    r = api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]})
    assert r.status == 200, r
    fresh = remember(r.json)
    assert fresh["refreshToken"] != s["refreshToken"]
    assert fresh["user"]["id"] == s["user"]["id"]
    assert api.get("/v2/users/me", token=fresh["accessToken"]).status == 200


def test_reusing_a_rotated_refresh_token_revokes_the_family(api):
    _, _, s = register(api)
    second = remember(api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]}).json)
    reuse = api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]})
    assert_error(reuse, 401, "invalid_refresh_token")
    # The family is gone: the newest token, held by the rightful owner, is refused too.
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": second["refreshToken"]}), 401)


def test_refresh_with_garbage_is_401_and_missing_token_400(api):
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": "garbage"}), 401)
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": "A" * 43}), 401)
    assert_error(api.post("/v2/auth/refresh", {}), 400, field="refreshToken")
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": 42}), 400, field="refreshToken")


def test_logout_is_204_and_revokes_the_refresh_token(api):
    email, pw, _ = register(api)
    s = login(api, email, pw)
    r = api.post("/v2/auth/logout", {"refreshToken": s["refreshToken"]})
    assert r.status == 204 and r.body == b""
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]}), 401)
    assert api.post("/v2/auth/logout", {"refreshToken": s["refreshToken"]}).status == 204
    assert_error(api.post("/v2/auth/logout", {}), 400, field="refreshToken")


# --- password forgot / reset --------------------------------------------------------------

def test_forgot_is_202_whether_or_not_the_email_exists(api, server):
    email, _, _ = register(api)
    unknown_email = unique_email()
    unknown = api.post("/v2/auth/password/forgot", {"email": unknown_email})
    known = api.post("/v2/auth/password/forgot", {"email": email})
    assert known.status == 202 and unknown.status == 202
    assert known.json == unknown.json
    assert reset_token_from_mailbox(server, email)
    # Mail goes out in the order it was asked for: had the unknown address been sent
    # anything, it would have arrived before the known one's.
    assert reset_token_from_mailbox(server, unknown_email, timeout=0) is None
    assert_error(api.post("/v2/auth/password/forgot", {}), 400, field="email")


def test_reset_sets_the_password_once_and_revokes_old_tokens(api, server):
    email, old_pw, s = register(api)
    time.sleep(1.1)  # the reset revokes access tokens issued in earlier seconds
    assert api.post("/v2/auth/password/forgot", {"email": email}).status == 202
    token = reset_token_from_mailbox(server, email)
    new_pw = password("new")
    r = api.post("/v2/auth/password/reset", {"token": token, "password": new_pw})
    assert r.status == 204, r

    again = api.post("/v2/auth/password/reset", {"token": token, "password": password()})
    assert_error(again, 400, "invalid_reset_token", field="token")
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]}), 401)
    assert_error(api.get("/v2/users/me", token=s["accessToken"]), 401)
    assert_error(api.post("/v2/auth/login", {"email": email, "password": old_pw}), 401,
                 "invalid_credentials")
    login(api, email, new_pw)


def test_reset_validates_its_input(api, server):
    email, _, _ = register(api)
    api.post("/v2/auth/password/forgot", {"email": email})
    token = reset_token_from_mailbox(server, email)
    assert_error(api.post("/v2/auth/password/reset", {"token": token, "password": "short"}), 400,
                 field="password")
    assert_error(api.post("/v2/auth/password/reset", {"token": "nope", "password": password()}),
                 400, "invalid_reset_token", field="token")
    assert_error(api.post("/v2/auth/password/reset", {"password": password()}), 400,
                 field="token")
    # The failed attempts above did not spend the token.
    assert api.post("/v2/auth/password/reset",
                    {"token": token, "password": password()}).status == 204


# --- access tokens ------------------------------------------------------------------------

def forge(header, claims, secret=b"wrong-secret", digest=hashlib.sha256):
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    sig = hmac.new(secret, signing_input.encode(), digest).digest()
    return signing_input + "." + b64url(sig)


def test_forged_and_malformed_access_tokens_are_401(api):
    _, _, s = register(api)
    _, claims = jwt_parts(s["accessToken"])
    claims_admin = {**claims, "role": "admin"}
    none_token = (b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode()) + "." +
                  b64url(json.dumps(claims_admin).encode()) + ".")
    header, payload, sig = s["accessToken"].split(".")
    tampered = header + "." + b64url(json.dumps(claims_admin).encode()) + "." + sig
    for token in [none_token,
                  forge({"alg": "HS256", "typ": "JWT"}, claims),
                  forge({"alg": "HS512", "typ": "JWT"}, claims, digest=hashlib.sha512),
                  tampered, "garbage", "a.b.c"]:
        assert_error(api.get("/v2/users/me", token=token), 401)
        assert_error(api.get("/v2/admin/users", token=token), 401)
    r = api.get("/v2/users/me", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert_error(r, 401)
    assert api.get("/v2/users/me", token=s["accessToken"]).status == 200


def test_admin_routes_need_a_token_and_the_admin_role(api, server):
    _, _, customer = register(api)
    assert_error(api.get("/v2/admin/users"), 401)
    assert_error(api.get("/v2/admin/users", token=customer["accessToken"]), 403, "forbidden")
    _, _, admin = create_admin(server, api)
    assert admin["user"]["role"] == "admin"
    assert api.get("/v2/admin/users", token=admin["accessToken"]).status == 200


def test_user_create_command_refuses_a_taken_email_and_bad_input(api, server):
    email, _, _ = register(api)
    taken = server.cli("user", "create", "--email", email, "--password", password(),
                       "--role", "customer")
    assert taken.returncode != 0
    weak = "weakpw1"
    bad = server.cli("user", "create", "--email", unique_email(), "--password", weak)
    assert bad.returncode != 0 and "password" in bad.stderr and weak not in bad.stderr


def test_disabled_user_cannot_log_in_and_their_tokens_stop(api, server):
    email, pw, s = register(api)
    _, _, admin = create_admin(server, api)
    uid = s["user"]["id"]
    r = api.patch(f"/v2/admin/users/{uid}", {"disabled": True}, token=admin["accessToken"])
    assert r.status == 200 and r.json["disabled"] is True, r
    assert_error(api.get("/v2/users/me", token=s["accessToken"]), 401)
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]}), 401)
    assert_error(api.post("/v2/auth/login", {"email": email, "password": pw}), 403,
                 "account_disabled")
    # Someone guessing gets the ordinary answer: the flag is not an account oracle.
    assert_error(api.post("/v2/auth/login", {"email": email, "password": password("g")}), 401,
                 "invalid_credentials")
    api.patch(f"/v2/admin/users/{uid}", {"disabled": False}, token=admin["accessToken"])
    login(api, email, pw)


# --- brute force --------------------------------------------------------------------------

def test_repeated_failures_lock_the_account_with_retry_after(api):
    email, pw, _ = register(api)
    for _ in range(5):
        assert_error(api.post("/v2/auth/login", {"email": email, "password": password("bf")}),
                     401, "invalid_credentials")
    r = api.post("/v2/auth/login", {"email": email, "password": pw})
    assert_error(r, 429, "too_many_attempts")
    assert 1 <= int(r.headers["Retry-After"]) <= 30


def test_a_successful_login_resets_the_failure_count(api):
    email, pw, _ = register(api)
    for _ in range(4):
        assert api.post("/v2/auth/login", {"email": email, "password": password("x")}).status == 401
    login(api, email, pw)
    for _ in range(4):
        assert api.post("/v2/auth/login", {"email": email, "password": password("x")}).status == 401
    login(api, email, pw)


# Last but one: it locks this client address for the rest of the module.
def test_many_failures_from_one_address_lock_the_address(api):
    email, pw, _ = register(api)
    statuses = []
    for _ in range(60):
        r = api.post("/v2/auth/login", {"email": unique_email("spray"), "password": password("s")})
        statuses.append(r.status)
        if r.status == 429:
            break
    assert statuses[-1] == 429, statuses
    assert set(statuses[:-1]) == {401}
    r = api.post("/v2/auth/login", {"email": email, "password": pw})
    assert_error(r, 429, "too_many_attempts")
    assert int(r.headers["Retry-After"]) >= 1


def test_no_password_or_token_reaches_the_logs(server):
    assert_no_secrets_in_logs(server)

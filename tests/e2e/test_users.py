"""The contract's Users section over HTTP: profile, addresses, GDPR export and erasure,
and the admin's user management."""
from conftest import assert_error
from identity_helpers import (assert_no_secrets_in_logs, create_admin, login, password, register,
                              unique_email)

ADDRESS = {"name": "Ann Smith", "line1": "1 Main St", "line2": "Apt 4", "city": "Springfield",
           "region": "IL", "postalCode": "62701", "country": "US", "phone": "+1 555 010 9999"}


def auth(session):
    return {"token": session["accessToken"]}


# --- profile ------------------------------------------------------------------------------

def test_me_is_readable_right_after_registration(api):
    email, _, s = register(api, name="Ann")
    r = api.get("/v2/users/me", **auth(s))
    assert r.status == 200, r
    assert r.json["id"] == s["user"]["id"]
    assert r.json["email"] == email
    assert r.json["name"] == "Ann"
    assert r.json["role"] == "customer"
    assert r.json["phone"] is None


def test_me_needs_a_token(api):
    assert_error(api.get("/v2/users/me"), 401)
    assert_error(api.patch("/v2/users/me", {"name": "X"}), 401)
    assert_error(api.get("/v2/users/me/addresses"), 401)
    assert_error(api.get("/v2/users/me/export"), 401)
    assert_error(api.delete("/v2/users/me"), 401)


def test_patch_me_changes_name_and_phone(api):
    _, _, s = register(api)
    r = api.patch("/v2/users/me", {"name": "  New Name ", "phone": "+44 20 7946 0000"}, **auth(s))
    assert r.status == 200, r
    assert r.json["name"] == "New Name"
    assert r.json["phone"] == "+44 20 7946 0000"
    r = api.patch("/v2/users/me", {"phone": None}, **auth(s))
    assert r.json["phone"] is None and r.json["name"] == "New Name"
    assert api.get("/v2/users/me", **auth(s)).json["name"] == "New Name"


def test_login_answers_with_the_current_name(api):
    email, pw, s = register(api, name="Before")
    api.patch("/v2/users/me", {"name": "After"}, **auth(s))
    assert login(api, email, pw)["user"]["name"] == "After"


def test_patch_me_refuses_bad_input(api):
    _, _, s = register(api)
    for body, field in [({"email": "x@example.com"}, "email"), ({"role": "admin"}, "role"),
                        ({"name": ""}, "name"), ({"name": None}, "name"), ({"name": 5}, "name"),
                        ({"name": "n" * 101}, "name"), ({"phone": "call me maybe"}, "phone"),
                        ({"phone": 12345}, "phone")]:
        assert_error(api.patch("/v2/users/me", body, **auth(s)), 400, field=field)
    assert_error(api.patch("/v2/users/me", raw=b"{", headers={"Content-Type": "application/json"},
                           **auth(s)), 400, "malformed_json")


# --- addresses ----------------------------------------------------------------------------

def test_address_lifecycle(api):
    _, _, s = register(api)
    r = api.post("/v2/users/me/addresses", ADDRESS, **auth(s))
    assert r.status == 201, r
    address = r.json
    for key, value in ADDRESS.items():
        assert address[key] == value, key
    assert address["id"]

    listing = api.get("/v2/users/me/addresses", **auth(s))
    assert listing.status == 200
    assert [a["id"] for a in listing.json["items"]] == [address["id"]]
    assert listing.json["total"] == 1 and listing.json["nextCursor"] is None

    r = api.patch(f"/v2/users/me/addresses/{address['id']}", {"city": "Shelbyville",
                                                               "line2": None}, **auth(s))
    assert r.status == 200, r
    assert r.json["city"] == "Shelbyville" and r.json["line2"] is None
    assert r.json["line1"] == ADDRESS["line1"]

    assert api.delete(f"/v2/users/me/addresses/{address['id']}", **auth(s)).status == 204
    assert_error(api.delete(f"/v2/users/me/addresses/{address['id']}", **auth(s)), 404)
    assert api.get("/v2/users/me/addresses", **auth(s)).json["items"] == []


def test_country_is_normalised_to_upper_case(api):
    _, _, s = register(api)
    r = api.post("/v2/users/me/addresses", {**ADDRESS, "country": "gb"}, **auth(s))
    assert r.status == 201 and r.json["country"] == "GB"


def test_another_users_address_is_404(api):
    _, _, owner = register(api)
    _, _, other = register(api)
    address = api.post("/v2/users/me/addresses", ADDRESS, **auth(owner)).json
    path = f"/v2/users/me/addresses/{address['id']}"
    assert_error(api.patch(path, {"city": "Hijacked"}, **auth(other)), 404, "not_found")
    assert_error(api.delete(path, **auth(other)), 404, "not_found")
    assert api.get("/v2/users/me/addresses", **auth(other)).json["items"] == []
    assert_error(api.patch("/v2/users/me/addresses/no-such-id", {"city": "X"}, **auth(owner)), 404)


def test_address_validation(api):
    _, _, s = register(api)
    cases = [({**ADDRESS, "country": "XX"}, "country"), ({**ADDRESS, "country": "USA"}, "country"),
             ({**ADDRESS, "country": None}, "country"),
             ({k: v for k, v in ADDRESS.items() if k != "line1"}, "line1"),
             ({k: v for k, v in ADDRESS.items() if k != "city"}, "city"),
             ({k: v for k, v in ADDRESS.items() if k != "name"}, "name"),
             ({k: v for k, v in ADDRESS.items() if k != "postalCode"}, "postalCode"),
             ({**ADDRESS, "line1": "x" * 201}, "line1"), ({**ADDRESS, "line1": 7}, "line1"),
             ({**ADDRESS, "phone": "not a phone"}, "phone"),
             ({**ADDRESS, "isDefault": True}, "isDefault"),
             ({**ADDRESS, "name": "x" * 5000}, "name")]
    for body, field in cases:
        assert_error(api.post("/v2/users/me/addresses", body, **auth(s)), 400, field=field)
    address = api.post("/v2/users/me/addresses", ADDRESS, **auth(s)).json
    assert_error(api.patch(f"/v2/users/me/addresses/{address['id']}", {"country": "ZZ"},
                           **auth(s)), 400, field="country")
    assert_error(api.patch(f"/v2/users/me/addresses/{address['id']}", {"line1": None},
                           **auth(s)), 400, field="line1")


# --- GDPR ---------------------------------------------------------------------------------

def test_export_holds_everything_but_secrets(api):
    email, pw, s = register(api, name="Exporter")
    api.post("/v2/users/me/addresses", ADDRESS, **auth(s))
    r = api.get("/v2/users/me/export", **auth(s))
    assert r.status == 200, r
    data = r.json
    assert data["profile"]["email"] == email
    assert data["profile"]["name"] == "Exporter"
    assert data["addresses"][0]["line1"] == ADDRESS["line1"]
    assert data["account"]["email"] == email
    assert len(data["account"]["activeSessions"]) >= 1
    text = r.body.decode()
    assert pw not in text and "argon2" not in text
    assert s["refreshToken"] not in text and s["accessToken"] not in text


def test_erasure_removes_the_account_and_frees_the_email(api):
    email, pw, s = register(api)
    api.post("/v2/users/me/addresses", ADDRESS, **auth(s))
    assert api.delete("/v2/users/me", **auth(s)).status == 204
    assert_error(api.get("/v2/users/me", **auth(s)), 401)
    assert_error(api.post("/v2/auth/refresh", {"refreshToken": s["refreshToken"]}), 401)
    assert_error(api.post("/v2/auth/login", {"email": email, "password": pw}), 401,
                 "invalid_credentials")
    _, _, again = register(api, email=email)
    assert again["user"]["id"] != s["user"]["id"]
    assert api.get("/v2/users/me/addresses", **auth(again)).json["items"] == []


# --- admin --------------------------------------------------------------------------------

def test_admin_lists_and_searches_users(api, server):
    _, _, admin = create_admin(server, api)
    marker = unique_email("findme").split("@")[0]
    for i in range(3):
        register(api, email=f"{marker}-{i}@example.com", name=f"Findable {i}")
    r = api.get(f"/v2/admin/users?q={marker}", **auth(admin))
    assert r.status == 200, r
    assert r.json["total"] == 3
    assert sorted(u["email"] for u in r.json["items"]) == [f"{marker}-{i}@example.com"
                                                           for i in range(3)]
    assert all("disabled" in u for u in r.json["items"])

    seen = []
    cursor = None
    while True:
        path = f"/v2/admin/users?q={marker.upper()}&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = api.get(path, **auth(admin)).json
        seen += [u["id"] for u in page["items"]]
        cursor = page["nextCursor"]
        if not cursor:
            break
    assert len(seen) == 3 and len(set(seen)) == 3

    for bad in ["0", "101", "abc", "-1"]:
        assert_error(api.get(f"/v2/admin/users?limit={bad}", **auth(admin)), 400, field="limit")
    assert api.get("/v2/admin/users?q=%25", **auth(admin)).json["total"] == 0


def test_admin_changes_roles(api, server):
    _, _, admin = create_admin(server, api)
    email, pw, s = register(api)
    uid = s["user"]["id"]
    assert_error(api.get("/v2/admin/users", **auth(s)), 403)
    r = api.patch(f"/v2/admin/users/{uid}", {"role": "admin"}, **auth(admin))
    assert r.status == 200 and r.json["role"] == "admin", r
    # The stored role counts, so the change applies to the token already held.
    assert api.get("/v2/admin/users", **auth(s)).status == 200
    assert login(api, email, pw)["user"]["role"] == "admin"
    api.patch(f"/v2/admin/users/{uid}", {"role": "customer"}, **auth(admin))
    assert_error(api.get("/v2/admin/users", **auth(s)), 403)


def test_admin_patch_refuses_bad_input(api, server):
    _, _, admin = create_admin(server, api)
    _, _, s = register(api)
    uid = s["user"]["id"]
    for body, field in [({"role": "superuser"}, "role"), ({"role": 1}, "role"),
                        ({"role": None}, "role"), ({"disabled": "yes"}, "disabled"),
                        ({"disabled": None}, "disabled"), ({"email": "x@example.com"}, "email")]:
        assert_error(api.patch(f"/v2/admin/users/{uid}", body, **auth(admin)), 400, field=field)
    assert_error(api.patch("/v2/admin/users/no-such-user", {"role": "admin"}, **auth(admin)), 404)
    assert_error(api.patch(f"/v2/admin/users/{uid}", {"role": "admin"}, **auth(s)), 403)
    assert_error(api.patch(f"/v2/admin/users/{uid}", {"role": "admin"}), 401)


def test_admin_cannot_lock_themselves_out(api, server):
    _, _, admin = create_admin(server, api)
    me = admin["user"]["id"]
    assert_error(api.patch(f"/v2/admin/users/{me}", {"disabled": True}, **auth(admin)), 409,
                 "cannot_modify_self")
    assert_error(api.patch(f"/v2/admin/users/{me}", {"role": "customer"}, **auth(admin)), 409)


def test_no_password_or_token_reaches_the_logs(server):
    assert_no_secrets_in_logs(server)

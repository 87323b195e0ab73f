"""CSRF tokens bound to the session (rotated at sign-in), ``__Host-`` cookies in production, sign-out
clearing them, and the account's list of signed-in devices."""

import re

import msgspec
import pytest
from sqlalchemy import select

from parvis.auth import AuthSession, end_sessions, start_session
from parvis.site import Site
from parvis.testing import TEST_PASSWORD, ParvisClient, login


def csrf_cookie(client):
    return client.csrf_token()


def replace_csrf_cookie(client, value):
    client.cookies.delete("parvis_csrf")
    client.cookies.set("parvis_csrf", value, domain="testserver.local", path="/")


def test_a_token_issued_before_sign_in_is_useless_after(client, make_account):
    account = make_account()
    client.get("/en/login")
    anonymous = csrf_cookie(client)
    login(client, account)
    signed_in = csrf_cookie(client)
    assert signed_in and signed_in != anonymous  # rotated at sign-in
    replace_csrf_cookie(client, anonymous)
    stale = client.post("/en/account", data={"given_name": "Ada"}, headers={"x-csrftoken": anonymous})
    assert stale.status_code == 403
    assert "expired" in stale.text


def test_a_token_of_one_session_is_useless_for_another(app, client, make_account):
    login(client, make_account())
    theirs = csrf_cookie(client)
    with ParvisClient(app, base_url="http://testserver.local") as other:
        login(other, make_account())
        replace_csrf_cookie(other, theirs)
        refused = other.post("/en/account", data={"given_name": "Eve"}, headers={"x-csrftoken": theirs})
        assert refused.status_code == 403


def test_a_page_with_a_previous_sessions_cookie_gets_a_fresh_token(client, make_account):
    client.get("/en/login")
    anonymous = csrf_cookie(client)
    account = make_account()
    login(client, account)
    replace_csrf_cookie(client, anonymous)  # as if the sign-in response had been lost
    page = client.get("/en/account")
    fresh = csrf_cookie(client)
    assert fresh != anonymous
    assert f'"x-csrftoken": "{fresh}"' in page.text  # htmx sends the page's token
    ok = client.post(
        "/en/account",
        data={"given_name": "Ada", "birth_date": "1990-01-01", "nationality_group": "fr"},
        headers={"x-csrftoken": fresh},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_the_form_field_token_works_too(client, make_account):
    account = make_account()
    page = client.get("/en/login")
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/en/login",
        data={"email": account.email, "password": TEST_PASSWORD, "_csrf_token": token},
        csrf=False,
        follow_redirects=False,
    )
    assert response.status_code == 303


# -- production cookies ------------------------------------------------------------------------


@pytest.fixture
def production_client(site, db):
    """The same site served in production mode, over https."""
    from parvis.web.app import create_app

    server = msgspec.structs.replace(site.config.server, development=False)
    config = msgspec.structs.replace(site.config, server=server)
    production = Site(config, site.pm, site.engine)
    with ParvisClient(create_app(production), base_url="https://testserver.local") as client:
        client.session = db
        yield client


def set_cookies(response):
    return response.headers.get_list("set-cookie")


def test_production_cookies_use_the_host_prefix(production_client, make_account):
    page = production_client.get("/en/login")
    [csrf] = [c for c in set_cookies(page) if "csrf" in c]
    assert csrf.startswith("__Host-parvis_csrf=")
    assert "Secure" in csrf and "Path=/" in csrf and "Domain" not in csrf
    locale = [c for c in set_cookies(page) if "locale" in c]
    assert all(c.startswith("__Host-parvis_locale=") and "Secure" in c for c in locale)
    account = make_account()
    signed_in = production_client.post(
        "/en/login", data={"email": account.email, "password": TEST_PASSWORD}, follow_redirects=False
    )
    assert signed_in.status_code == 303
    names = {c.split("=", 1)[0] for c in set_cookies(signed_in) if "Max-Age=0" not in c}
    assert {"__Host-parvis_session", "__Host-parvis_csrf"} <= names
    assert all("Secure" in c and "Path=/" in c for c in set_cookies(signed_in))
    assert production_client.get("/en/account").status_code == 200
    out = production_client.post("/en/logout", follow_redirects=False)
    cleared = {c.split("=", 1)[0] for c in set_cookies(out) if "Max-Age=0" in c}
    assert {"__Host-parvis_session", "__Host-parvis_csrf"} <= cleared
    assert all("Secure" in c for c in set_cookies(out))
    flash = production_client.get("/en/")
    assert "You are signed out." in flash.text


def test_development_keeps_plain_names_and_sign_out_clears_them(client, make_account):
    login(client, make_account())
    assert client.cookies.get("parvis_session")
    out = client.post("/en/logout", follow_redirects=False)
    cleared = {c.split("=", 1)[0] for c in set_cookies(out) if "Max-Age=0" in c}
    assert {"parvis_session", "parvis_csrf", "parvis_signin"} <= cleared
    assert not any("Secure" in c for c in set_cookies(out))
    assert client.cookies.get("parvis_session") is None


# -- signed-in devices -------------------------------------------------------------------------


def test_the_security_page_lists_devices_and_signs_out_the_others(app, client, db, make_account):
    account = make_account()
    with ParvisClient(app, base_url="http://testserver.local") as phone:
        phone.session = db
        phone.headers["user-agent"] = "Mozilla/5.0 (Linux; Android 14) Firefox/128.0"
        login(phone, account)
        client.headers["user-agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"
        login(client, account)
        page = client.get("/en/account/security")
        assert "Firefox, Android" in page.text and "Chrome, Linux" in page.text
        assert "(this device)" in page.text
        ended = client.post("/en/account/sessions/others")
        assert "1 other device is signed out." in ended.text
        assert phone.get("/en/account", follow_redirects=False).status_code == 303
        assert client.get("/en/account").status_code == 200


def test_end_sessions_keeps_only_the_given_one(site, db, make_account):
    account = make_account()
    other = make_account()
    kept = start_session(db, account)
    start_session(db, account)
    start_session(db, other)
    db.commit()
    assert end_sessions(db, account, keep=kept) == 1
    assert end_sessions(db, other) == 1
    db.commit()
    assert len(db.scalars(select(AuthSession)).all()) == 1

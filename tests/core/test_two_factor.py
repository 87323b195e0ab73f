"""Two-factor authentication: enrolment with a QR code, recovery codes, the code step of sign-in
(no session before the code), single use of codes, limits, turning it off, and the setting that
makes it mandatory for officials and administrators."""

import re
from datetime import timedelta

import msgspec
import pyotp
import pytest
from sqlalchemy import select

from parvis.accounts.tokens import AccountToken as LoginToken
from parvis.audit import AuditEvent
from parvis.auth import AuthSession
from parvis.testing import TEST_PASSWORD, login
from parvis.two_factor import RecoveryCode, TwoFactor


@pytest.fixture
def security(site):
    saved = msgspec.structs.replace(site.config.security)
    yield site.config.security
    site.config.security = saved


def secret_on(page_text):
    return re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page_text).group(1).replace(" ", "")


def code_at(secret, clock, steps=0):
    return pyotp.TOTP(secret).at(clock.now + timedelta(seconds=30 * steps))


def enrol(client, clock):
    """Turn two-factor on for the signed-in client; returns (secret, recovery codes)."""
    page = client.get("/en/account/two-factor")
    assert page.status_code == 200
    secret = secret_on(page.text)
    done = client.post("/en/account/two-factor", data={"code": code_at(secret, clock)})
    assert done.status_code == 200, done.text[:300]
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>", done.text)
    return secret, codes


def sign_in_with_password(client, account, **kwargs):
    client.cookies.clear()
    return client.post(
        "/en/login",
        data={"email": account.email, "password": TEST_PASSWORD, **kwargs},
        follow_redirects=False,
    )


def test_enrolment_shows_a_qr_code_and_the_secret_then_ten_recovery_codes(client, db, login_as, clock):
    account = login_as()
    page = client.get("/en/account/two-factor")
    assert '<svg role="img"' in page.text and "<title>" in page.text
    assert "<script" not in page.text.split("<main", 1)[1]
    secret, codes = enrol(client, clock)
    assert len(secret) == 32
    assert len(codes) == 10 and len(set(codes)) == 10
    row = db.get(TwoFactor, account.id)
    assert row.confirmed_at is not None
    stored = db.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not any(c.replace("-", "") in h for c in codes for h in stored)
    assert db.scalar(select(AuditEvent.action).where(AuditEvent.action == "core.two_factor.on"))
    security = client.get("/en/account/security")
    assert "Two-factor authentication is on" in security.text
    assert "10 recovery codes left" in security.text


def test_a_wrong_code_does_not_turn_it_on(client, db, login_as, clock):
    account = login_as()
    secret = secret_on(client.get("/en/account/two-factor").text)
    wrong = "000000" if code_at(secret, clock) != "000000" else "111111"
    response = client.post("/en/account/two-factor", data={"code": wrong})
    assert response.status_code == 400
    assert "This code is not right" in response.text
    assert secret_on(response.text) == secret  # the same secret, to try again
    db.expire_all()
    assert db.get(TwoFactor, account.id).confirmed_at is None


def test_sign_in_asks_the_code_after_the_password_and_keeps_no_session_before(client, db, login_as, clock):
    account = login_as()
    secret, _codes = enrol(client, clock)
    client.post("/en/logout")
    first = sign_in_with_password(client, account, next="/en/bodies")
    assert first.status_code == 303
    assert first.headers["location"] == "/en/login/code"
    assert "parvis_session" not in first.headers.get("set-cookie", "")
    assert db.scalars(select(AuthSession)).all() == []
    assert client.get("/en/account", follow_redirects=False).status_code == 303  # not signed in
    assert client.get("/en/login/code").status_code == 200
    done = client.post("/en/login/code", data={"code": code_at(secret, clock, 1)}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == "/en/bodies"
    assert client.get("/en/account").status_code == 200
    db.expire_all()
    assert db.scalars(select(LoginToken)).all() == []


def test_a_code_works_once(client, login_as, clock):
    account = login_as()
    secret, _codes = enrol(client, clock)
    code = code_at(secret, clock, 1)
    sign_in_with_password(client, account)
    assert client.post("/en/login/code", data={"code": code}, follow_redirects=False).status_code == 303
    sign_in_with_password(client, account)
    replay = client.post("/en/login/code", data={"code": code}, follow_redirects=False)
    assert replay.status_code == 400
    assert "This code is not right" in replay.text


def test_a_recovery_code_works_once_and_says_how_many_are_left(client, login_as, clock):
    account = login_as()
    _secret, codes = enrol(client, clock)
    sign_in_with_password(client, account)
    used = client.post("/en/login/code", data={"code": codes[3].upper().replace("-", " ")})
    assert used.status_code == 200
    assert "9 are left" in used.text
    sign_in_with_password(client, account)
    again = client.post("/en/login/code", data={"code": codes[3]}, follow_redirects=False)
    assert again.status_code == 400


def test_the_code_step_expires_and_is_bound_to_the_browser(client, app, login_as, clock):
    account = login_as()
    secret, _codes = enrol(client, clock)
    sign_in_with_password(client, account)
    from parvis.testing import ParvisClient

    with ParvisClient(app, base_url="http://testserver.local") as other:  # another browser
        stolen = other.post(
            "/en/login/code", data={"code": code_at(secret, clock, 1)}, follow_redirects=False
        )
        assert stolen.status_code == 303 and stolen.headers["location"] == "/en/login"
        assert other.get("/en/account", follow_redirects=False).status_code == 303
    clock.advance(timedelta(minutes=6))
    late = client.post("/en/login/code", data={"code": code_at(secret, clock)}, follow_redirects=False)
    assert late.status_code == 303 and late.headers["location"] == "/en/login"
    assert "took too long" in client.get("/en/login").text


def test_code_attempts_are_limited_like_passwords(client, login_as, clock):
    account = login_as()
    secret, _codes = enrol(client, clock)
    sign_in_with_password(client, account)
    right = code_at(secret, clock, 1)
    wrong = "123456" if right != "123456" else "654321"
    for _ in range(5):
        assert client.post("/en/login/code", data={"code": wrong}).status_code == 400
    refused = client.post("/en/login/code", data={"code": right})
    assert refused.status_code == 429
    assert "Please wait" in refused.text


def test_turning_it_off_asks_the_password_or_a_code(client, db, login_as, clock):
    account = login_as()
    secret, _codes = enrol(client, clock)
    asked = client.get("/en/account/two-factor/off")
    assert asked.status_code == 200 and 'action="/en/account/two-factor/off"' in asked.text
    assert client.post("/en/account/two-factor/off", data={}).status_code == 400
    wrong = client.post("/en/account/two-factor/off", data={"password": "not my password"})
    assert wrong.status_code == 400 and "This is not right" in wrong.text
    by_code = client.post(
        "/en/account/two-factor/off", data={"code": code_at(secret, clock, 1)}, follow_redirects=False
    )
    assert by_code.status_code == 303
    db.expire_all()
    assert db.get(TwoFactor, account.id) is None
    assert db.scalars(select(RecoveryCode)).all() == []
    enrol(client, clock)
    by_password = client.post("/en/account/two-factor/off", data={"password": TEST_PASSWORD})
    assert by_password.status_code == 200
    assert "Two-factor authentication is off." in by_password.text


def test_new_recovery_codes_replace_the_old_ones(client, login_as, clock):
    account = login_as()
    _secret, old = enrol(client, clock)
    fresh = client.post("/en/account/two-factor/recovery-codes", data={"password": TEST_PASSWORD})
    assert fresh.status_code == 200
    new = re.findall(r"<code>([a-z0-9-]{14})</code>", fresh.text)
    assert len(new) == 10 and not set(new) & set(old)
    sign_in_with_password(client, account)
    assert client.post("/en/login/code", data={"code": old[0]}).status_code == 400
    assert client.post("/en/login/code", data={"code": new[0]}, follow_redirects=False).status_code == 303


def test_staff_must_enrol_before_the_back_office_when_the_site_says_so(client, db, security, login_as, clock):
    security.two_factor_for_staff = True
    login_as("official")
    sent = client.get("/en/admin", follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/en/account/two-factor?next=/en/admin"
    page = client.get(sent.headers["location"])
    assert "Your role requires two-factor authentication" in page.text
    assert client.post("/en/admin/bodies/new", data={}).status_code == 403
    assert client.get("/en/account").status_code == 200  # their own pages stay open
    secret = secret_on(page.text)
    done = client.post("/en/account/two-factor", data={"code": code_at(secret, clock), "next": "/en/admin"})
    assert 'href="/en/admin"' in done.text
    assert client.get("/en/admin").status_code == 200
    refused = client.post("/en/account/two-factor/off", data={"password": TEST_PASSWORD})
    assert refused.status_code == 409
    assert "cannot be turned off" in refused.text


def test_citizens_are_not_asked_to_enrol(client, security, login_as):
    security.two_factor_for_staff = True
    login_as()
    assert client.get("/en/bodies").status_code == 200
    assert client.get("/en/account").status_code == 200


def test_the_setting_is_off_by_default(client, login_as):
    login_as("admin")
    assert client.get("/en/admin").status_code == 200


def test_login_helper_still_works_for_accounts_without_two_factor(client, make_account):
    login(client, make_account())
    assert client.get("/en/account").status_code == 200

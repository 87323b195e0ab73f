"""Passwords: forgotten (a one-time link by e-mail), changed when signed in, and what is refused."""

import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from parvis.accounts import passwords
from parvis.accounts.tokens import AccountToken
from parvis.auth import AuthSession
from parvis.identity import Account
from parvis.mail import OutboxMail
from parvis.testing import TEST_PASSWORD, ParvisClient, login

NEW = "correct horse battery staple"
LINK = re.compile(r"http://localhost:8000/(\w+)/password/reset/([\w-]+)")


def forgot(client, email, locale="en", **kwargs):
    return client.post(f"/{locale}/password/forgot", data={"email": email}, follow_redirects=False, **kwargs)


def reset_link(message):
    return LINK.search(message.get_body(("plain",)).get_content())


def choose(client, token, password=NEW, again=None, locale="en"):
    return client.post(
        f"/{locale}/password/reset/{token}",
        data={"password": password, "password_again": again or password},
        follow_redirects=False,
    )


def sessions(db, account):
    db.commit()  # a fresh snapshot: see what the other clients wrote
    return db.scalar(
        select(func.count()).select_from(AuthSession).where(AuthSession.account_id == account.id)
    )


def test_a_forgotten_password_is_reset_from_the_link_and_every_session_ends(
    client, app, db, make_account, smtp_server
):
    account = make_account(email="ada@example.org", verified=False)
    with ParvisClient(app, base_url="http://testserver.local") as elsewhere:
        login(elsewhere, account)
    assert sessions(db, account) == 1
    response = forgot(client, "Ada@Example.org ")
    assert response.status_code == 303
    assert response.headers["location"] == "/en/password/forgot/sent"
    [message] = smtp_server.messages
    assert message["To"] == "ada@example.org"
    locale, token = reset_link(message).groups()
    assert locale == "en"
    assert "60 minutes" in message.get_body(("plain",)).get_content()
    page = client.get(f"/en/password/reset/{token}")
    assert page.status_code == 200
    assert "ada@example.org" in page.text
    done = choose(client, token)
    assert done.status_code == 303
    assert done.headers["location"] == "/en/login"
    assert sessions(db, account) == 0
    db.expire_all()
    refreshed = db.get(Account, account.id)
    assert refreshed.email_verified_at is not None, "the link reached the mailbox: the address is confirmed"
    login(client, account, NEW)
    assert smtp_server.messages[-1]["Subject"].startswith("Your password was changed")


def test_the_answer_is_the_same_for_an_unknown_address_and_no_mail_is_sent(
    client, db, make_account, smtp_server
):
    make_account(email="known@example.org")
    known = forgot(client, "known@example.org")
    unknown = forgot(client, "nobody@example.org")
    assert (known.status_code, known.headers["location"]) == (
        unknown.status_code,
        unknown.headers["location"],
    )
    assert [m["To"] for m in smtp_server.messages] == ["known@example.org"]
    db.expire_all()
    # The same work was done: a token recorded for each request (the unknown one opens nothing).
    rows = db.scalars(select(AccountToken).order_by(AccountToken.id)).all()
    assert [r.account_id is None for r in rows] == [False, True]
    assert db.scalar(select(func.count()).select_from(OutboxMail)) == 1
    sent = client.get(known.headers["location"])
    assert "If an account uses this address" in sent.text


def test_a_link_works_once(client, make_account, smtp_server):
    make_account(email="ada@example.org")
    forgot(client, "ada@example.org")
    token = reset_link(smtp_server.messages[0]).group(2)
    assert choose(client, token).status_code == 303
    again = choose(client, token, "another long passphrase")
    assert again.status_code == 400
    assert "no longer works" in again.text


def test_a_link_expires_after_the_configured_time(client, site, clock, make_account, smtp_server):
    make_account(email="ada@example.org")
    forgot(client, "ada@example.org")
    token = reset_link(smtp_server.messages[0]).group(2)
    clock.advance(timedelta(minutes=site.config.accounts.reset_link_minutes, seconds=1))
    assert client.get(f"/en/password/reset/{token}").status_code == 400
    assert choose(client, token).status_code == 400


def test_a_newer_link_replaces_the_older_one(client, make_account, smtp_server):
    make_account(email="ada@example.org")
    forgot(client, "ada@example.org")
    forgot(client, "ada@example.org")
    first, second = (reset_link(m).group(2) for m in smtp_server.messages)
    assert choose(client, first).status_code == 400
    assert choose(client, second).status_code == 303


def test_an_unknown_token_is_refused_not_a_crash(client):
    for token in ("nope", "x" * 300):
        response = client.get(f"/en/password/reset/{token}")
        assert response.status_code == 400
        assert "no longer works" in response.text


@pytest.mark.parametrize(
    ("password", "again", "reason"),
    [
        ("short", "short", "Use at least 12 characters."),
        ("qwerty123456", "qwerty123456", "one of the most common"),
        ("QWERTY123456", "QWERTY123456", "one of the most common"),
        ("ada@example.org", "ada@example.org", "Do not use your e-mail address"),
        (NEW, NEW + "!", "The two passwords are different."),
    ],
)
def test_weak_or_mistyped_passwords_are_refused_with_a_reason(
    client, make_account, smtp_server, password, again, reason
):
    make_account(email="ada@example.org")
    forgot(client, "ada@example.org")
    token = reset_link(smtp_server.messages[0]).group(2)
    response = choose(client, token, password, again)
    assert response.status_code == 400
    assert reason in response.text
    assert client.get(f"/en/password/reset/{token}").status_code == 200, "a refusal does not use the link"


def test_requests_are_limited_per_address_typed_whether_it_has_an_account_or_not(
    client, site, make_account, smtp_server
):
    make_account(email="ada@example.org")
    limit = site.config.accounts.reset_requests_per_account
    for email in ("ada@example.org", "nobody@example.org"):
        answers = [forgot(client, email).status_code for _ in range(limit + 1)]
        assert answers == [303] * limit + [429]
    assert len(smtp_server.messages) == limit
    assert "Too many requests" in forgot(client, "ada@example.org").text


def test_requests_are_limited_per_client_address(client, site, clock):
    site.config.accounts.reset_requests_per_address, previous = (
        3,
        site.config.accounts.reset_requests_per_address,
    )
    try:
        answers = [forgot(client, f"p{n}@example.org").status_code for n in range(4)]
        assert answers == [303, 303, 303, 429]
        clock.advance(timedelta(minutes=site.config.accounts.request_window_minutes))
        assert forgot(client, "later@example.org").status_code == 303
    finally:
        site.config.accounts.reset_requests_per_address = previous


def test_changing_the_password_asks_the_current_one_and_ends_other_sessions(
    client, app, db, login_as, smtp_server
):
    account = login_as()
    with ParvisClient(app, base_url="http://testserver.local") as elsewhere:
        login(elsewhere, account)
        assert sessions(db, account) == 2
        page = client.get("/en/account/password")
        assert page.status_code == 200
        assert page.text.count("<h1") == 1
        wrong = client.post(
            "/en/account/password",
            data={"current_password": "not my password", "password": NEW, "password_again": NEW},
        )
        assert wrong.status_code == 400
        assert "This is not your current password." in wrong.text
        done = client.post(
            "/en/account/password",
            data={"current_password": TEST_PASSWORD, "password": NEW, "password_again": NEW},
            follow_redirects=False,
        )
        assert done.status_code == 303
        assert sessions(db, account) == 1
        assert client.get("/en/account").status_code == 200, "this session goes on"
        assert elsewhere.get("/en/account", follow_redirects=False).status_code == 303, "the other ended"
    assert smtp_server.messages[-1]["Subject"].startswith("Your password was changed")
    client.cookies.clear()
    login(client, account, NEW)


def test_a_hash_made_with_other_parameters_is_upgraded_at_sign_in(client, db, site, make_account):
    account = make_account()
    account.password_hash = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(TEST_PASSWORD)
    db.commit()
    login(client, account)
    db.expire_all()
    upgraded = db.get(Account, account.id).password_hash
    settings = site.config.accounts
    assert (
        f"m={settings.argon2_memory_kib},t={settings.argon2_time_cost},p={settings.argon2_parallelism}"
        in upgraded
    )
    login(client, account)


def test_the_bundled_list_and_the_minimum_length_come_from_settings(site):
    assert len(passwords.common_passwords()) == 10_000
    assert passwords.problem(site, "a long enough secret") is None
    previous = site.config.accounts.password_min_length
    site.config.accounts.password_min_length = 30
    try:
        assert passwords.problem(site, "a long enough secret") == "Use at least 30 characters."
    finally:
        site.config.accounts.password_min_length = previous


def test_the_pages_are_translated(client, make_account, smtp_server):
    make_account(email="ada@example.org")
    assert "パスワードをお忘れですか" in client.get("/ja/password/forgot").text
    forgot(client, "ada@example.org", locale="fr")
    assert "Consultez votre messagerie" in client.get("/fr/password/forgot/sent").text

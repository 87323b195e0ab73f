"""Confirmed addresses: the link sent at sign-up, sending it again (limited), changing the address
(the new one replaces the old only once confirmed), and sign-up that reveals no address."""

import re
import threading
from datetime import timedelta

from sqlalchemy import func, select

from parvis.identity import Account
from parvis.testing import TEST_PASSWORD, ParvisClient, login

VERIFY = re.compile(r"http://localhost:8000/(\w+)/verify/([\w-]+)")
PASSWORD = "a long enough secret"


def signup(client, email="new@example.org", locale="en", password=PASSWORD):
    data = {
        "display_name": "Ada",
        "email": email,
        "password": password,
        "password_again": password,
        "consent": "1",
    }
    return client.post(f"/{locale}/signup", data=data, follow_redirects=False)


def link(message):
    return VERIFY.search(message.get_body(("plain",)).get_content())


def account_by_email(db, email):
    db.commit()
    return db.scalar(select(Account).where(Account.email == email))


def test_sign_up_sends_a_link_that_confirms_the_address(client, db, smtp_server):
    response = signup(client, locale="fr")
    assert response.headers["location"] == "/fr/signup/sent"
    [message] = smtp_server.messages
    assert message["To"] == "new@example.org"
    locale, token = link(message).groups()
    assert locale == "fr", "the mail is in the language of the sign-up"
    page = client.get(f"/fr/verify/{token}")
    assert page.status_code == 200
    assert "new@example.org" in page.text
    assert account_by_email(db, "new@example.org").email_verified_at is None, "opening the page is not enough"
    confirmed = client.post(f"/fr/verify/{token}", follow_redirects=False)
    assert confirmed.status_code == 303
    assert confirmed.headers["location"] == "/fr/login"
    assert account_by_email(db, "new@example.org").email_verified_at is not None
    assert client.post(f"/fr/verify/{token}").status_code == 400, "a link works once"


def test_a_verification_link_expires_after_48_hours(client, site, clock, smtp_server):
    signup(client)
    token = link(smtp_server.messages[0]).group(2)
    clock.advance(timedelta(hours=site.config.accounts.verification_link_hours, seconds=1))
    response = client.post(f"/en/verify/{token}")
    assert response.status_code == 400
    assert "no longer works" in response.text


def test_a_taken_address_gets_the_same_answer_and_its_owner_is_told(client, db, make_account, smtp_server):
    make_account(email="taken@example.org")
    new = signup(client, "fresh@example.org")
    taken = signup(client, "TAKEN@example.org", password="another long secret")
    assert (new.status_code, new.headers["location"]) == (taken.status_code, taken.headers["location"])
    assert set(new.cookies) == set(taken.cookies)
    # In its owner's language: the site's (French) for an account that has not chosen one.
    to_owner = smtp_server.to("taken@example.org")[0].get_body(("plain",)).get_content()
    assert "Quelqu’un a essayé de créer un compte" in to_owner
    assert "http://localhost:8000/fr/password/forgot" in to_owner
    db.commit()
    assert db.scalar(select(func.count()).select_from(Account)) == 2


def test_ten_simultaneous_sign_ups_with_one_address_make_one_account_and_no_error(
    app, db, site, smtp_server, monkeypatch
):
    # Past the limit of mails per address they would be refused (429) before racing to insert.
    monkeypatch.setattr(site.config.accounts, "verification_requests_per_account", 100)
    barrier = threading.Barrier(10)
    statuses: list[int] = []

    def attempt() -> None:
        with ParvisClient(app, base_url="http://testserver.local") as own:
            own.get("/en/signup")  # the CSRF cookie first, so all ten posts leave together
            barrier.wait()
            statuses.append(signup(own, "race@example.org").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303] * 10
    db.commit()
    assert (
        db.scalar(select(func.count()).select_from(Account).where(Account.email == "race@example.org")) == 1
    )


def test_an_unconfirmed_account_sends_the_link_again_a_limited_number_of_times(
    client, db, site, login_as, smtp_server
):
    account = login_as(verified=False)
    page = client.get("/en/account/email")
    assert "Not confirmed yet." in page.text
    limit = site.config.accounts.verification_requests_per_account
    answers = [
        client.post("/en/account/email/resend", follow_redirects=False).status_code for _ in range(limit + 1)
    ]
    assert answers == [303] * limit + [429]
    assert len(smtp_server.to(account.email)) == limit
    tokens = [link(m).group(2) for m in smtp_server.messages]
    assert client.post(f"/en/verify/{tokens[0]}").status_code == 400, "replaced by the newer link"
    confirmed = client.post(f"/en/verify/{tokens[-1]}", follow_redirects=False)
    assert confirmed.headers["location"] == "/en/account/email"
    assert "Confirmed on" in client.get("/en/account/email").text
    assert client.post("/en/account/email/resend").status_code == 409


def test_changing_the_address_waits_for_the_new_one_to_be_confirmed(client, db, login_as, smtp_server):
    account = login_as(email="old@example.org")
    wrong = client.post("/en/account/email", data={"email": "new@example.org", "current_password": "nope"})
    assert wrong.status_code == 400
    assert "This is not your current password." in wrong.text
    asked = client.post(
        "/en/account/email",
        data={"email": "New@Example.org", "current_password": TEST_PASSWORD},
        follow_redirects=False,
    )
    assert asked.status_code == 303
    assert "Waiting for confirmation: new@example.org" in client.get("/en/account/email").text
    assert account_by_email(db, "old@example.org") is not None, "nothing changes before the link is opened"
    [to_new] = smtp_server.to("new@example.org")
    [to_old] = smtp_server.to("old@example.org")
    assert "new@example.org" in to_old.get_body(("plain",)).get_content()
    token = link(to_new).group(2)
    assert client.post(f"/en/verify/{token}", follow_redirects=False).status_code == 303
    changed = account_by_email(db, "new@example.org")
    assert changed.id == account.id
    assert changed.email_verified_at is not None
    client.cookies.clear()
    login(client, changed)


def test_changing_to_a_taken_address_tells_its_owner_and_reveals_nothing(
    client, db, login_as, make_account, smtp_server
):
    make_account(email="other@example.org")
    login_as(email="me@example.org")
    response = client.post(
        "/en/account/email",
        data={"email": "other@example.org", "current_password": TEST_PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 303
    [to_owner] = smtp_server.to("other@example.org")
    assert VERIFY.search(to_owner.get_body(("plain",)).get_content()) is None
    assert account_by_email(db, "me@example.org") is not None


def test_a_password_change_cancels_a_pending_address_change(client, db, login_as, smtp_server):
    login_as(email="old@example.org")
    client.post("/en/account/email", data={"email": "new@example.org", "current_password": TEST_PASSWORD})
    token = link(smtp_server.to("new@example.org")[0]).group(2)
    client.post(
        "/en/account/password",
        data={"current_password": TEST_PASSWORD, "password": PASSWORD, "password_again": PASSWORD},
    )
    assert client.post(f"/en/verify/{token}").status_code == 400
    assert account_by_email(db, "old@example.org") is not None


def test_the_account_pages_link_to_each_other(client, login_as):
    login_as()
    for path in ("/en/account", "/en/account/password", "/en/account/email"):
        page = client.get(path)
        assert page.status_code == 200
        assert page.text.count("<h1") == 1
        assert f'href="{path}" aria-current="page"' in page.text
        for other in ("/en/account", "/en/account/password", "/en/account/email"):
            assert f'href="{other}"' in page.text

"""Sign-up, sign-in, sign-out and the rules that protect them."""

from sqlalchemy import func, select

from parvis.auth import AuthSession
from parvis.identity import Account
from parvis.testing import TEST_PASSWORD, login


def signup(client, email="new@example.org", password="a long enough secret", **extra):
    data = {
        "display_name": "Ada",
        "email": email,
        "password": password,
        "password_again": password,
        "consent": "1",
        **extra,
    }
    return client.post("/en/signup", data=data, follow_redirects=False)


def test_signup_creates_account_then_its_owner_signs_in(client, db):
    response = signup(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/en/signup/sent"
    assert "parvis_session" not in response.cookies
    account = db.scalar(select(Account).where(Account.email == "new@example.org"))
    assert account is not None and account.person is not None
    assert account.email_verified_at is None
    login(client, account, "a long enough secret")
    page = client.get("/en/account")
    assert page.status_code == 200
    assert "new@example.org" in page.text
    assert "not confirmed yet" in page.text


def test_signup_errors_rerender_with_input_kept(client, db):
    response = signup(client, email="not-an-email", password="short")
    assert response.status_code == 400
    assert "Enter an e-mail address" in response.text
    assert 'value="not-an-email"' in response.text
    assert "Use at least 12 characters" in response.text
    assert db.scalar(select(Account)) is None


def test_signup_does_not_reveal_a_taken_address(client, db, make_account):
    make_account(email="taken@example.org")
    response = signup(client, email="TAKEN@example.org")
    assert response.status_code == 303
    assert response.headers["location"] == "/en/signup/sent"
    assert db.scalar(select(func.count()).select_from(Account)) == 1


def test_signup_messages_are_translated(client):
    response = client.post("/fr/signup", data={"email": "x"}, follow_redirects=False)
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.text


def test_login_rotates_session_and_logout_ends_it(client, db, make_account):
    account = make_account()
    login(client, account)
    first = client.cookies.get("parvis_session")
    login(client, account)
    second = client.cookies.get("parvis_session")
    assert first and second and first != second
    assert db.scalar(select(AuthSession).where(AuthSession.account_id == account.id)) is not None
    assert len(db.scalars(select(AuthSession)).all()) == 1
    client.post("/en/logout")
    db.expire_all()
    assert db.scalars(select(AuthSession)).all() == []
    assert client.get("/en/account", follow_redirects=False).status_code == 303


def test_wrong_password_is_refused_then_rate_limited(client, make_account):
    account = make_account()
    for _ in range(5):
        response = client.post("/en/login", data={"email": account.email, "password": "wrong password!"})
        assert response.status_code == 400
        assert "not right" in response.text
    response = client.post("/en/login", data={"email": account.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text


def test_login_ignores_foreign_next_url(client, make_account):
    account = make_account()
    response = client.post(
        "/en/login",
        data={"email": account.email, "password": TEST_PASSWORD, "next": "//evil.example/steal"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/en/account"


def test_post_without_csrf_token_is_refused(client, make_account):
    account = make_account()
    response = client.post("/en/login", data={"email": account.email, "password": TEST_PASSWORD}, csrf=False)
    assert response.status_code == 403
    assert "expired" in response.text


def test_profile_facts_are_validated_and_saved(client, db, login_as):
    account = login_as()
    bad = client.post(
        "/en/account",
        data={
            "given_name": "Ada",
            "birth_date": "31/02/2001",
            "nationality_group": "fr",
            "district": "11",
            "neighbourhood": "goutte-dor",
        },
    )
    assert bad.status_code == 400
    assert "Enter a date" in bad.text
    assert "This neighbourhood is not in the arrondissement chosen." in bad.text
    ok = client.post(
        "/en/account",
        data={
            "given_name": "Ada",
            "birth_date": "2001-02-28",
            "nationality_group": "eu",
            "resident": "1",
            "neighbourhood": "goutte-dor",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    db.expire_all()
    person = db.get(Account, account.id).person
    assert person.district == "18" and person.qpop is True and person.resident is True

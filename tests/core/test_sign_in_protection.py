"""Sign-in protection: growing waits instead of locks, per account and address and per address,
the unlock link for an account under attack, unknown addresses timed like known ones, atomic
counting under concurrency (both engines), and client addresses from trusted proxies only."""

import re
import threading
from datetime import timedelta

import httpx
import msgspec
import pytest
from sqlalchemy import select

from parvis import auth, ratelimit
from parvis.ratelimit import Limit, RateCounter, Throttled
from parvis.testing import TEST_PASSWORD

WRONG = "wrong password!"


@pytest.fixture
def security(site):
    """The site's [security] settings, restored after the test."""
    saved = msgspec.structs.replace(site.config.security)
    yield site.config.security
    site.config.security = saved


@pytest.fixture
def trusting(site):
    saved = site.config.server.trusted_proxies
    site.config.server.trusted_proxies = ["10.0.0.0/8"]
    yield
    site.config.server.trusted_proxies = saved


def attempt(client, email, password=WRONG, **kwargs):
    return client.post(
        "/en/login", data={"email": email, "password": password}, follow_redirects=False, **kwargs
    )


def test_a_stranger_cannot_lock_the_owner_out(client, make_account):
    account = make_account()
    client.peer = "198.51.100.1"
    for _ in range(5):
        assert attempt(client, account.email).status_code == 400
    refused = attempt(client, account.email, TEST_PASSWORD)
    assert refused.status_code == 429
    assert "Please wait 30 seconds" in refused.text
    assert refused.headers["retry-after"] == "30"
    client.cookies.clear()
    client.peer = "198.51.100.2"  # the owner, at home
    assert attempt(client, account.email, TEST_PASSWORD).status_code == 303


def test_the_wait_grows_after_each_further_failure(client, make_account, clock):
    account = make_account()
    for _ in range(5):
        assert attempt(client, account.email).status_code == 400
    for seconds in (30, 60, 120, 240):
        refused = attempt(client, account.email)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == str(seconds)
        clock.advance(timedelta(seconds=seconds + 1))
        assert attempt(client, account.email).status_code == 400  # allowed again, and wrong
    assert "Please wait 8 minutes" in attempt(client, account.email).text


def test_the_wait_message_is_translated(client, make_account):
    account = make_account()
    for _ in range(5):
        attempt(client, account.email)
    response = client.post("/fr/login", data={"email": account.email, "password": WRONG})
    assert response.status_code == 429
    assert "Veuillez patienter 30 secondes" in response.text


def test_a_success_forgets_the_failures_of_that_address(client, make_account):
    account = make_account()
    for _ in range(4):
        attempt(client, account.email)
    assert attempt(client, account.email, TEST_PASSWORD).status_code == 303
    client.post("/en/logout")
    for _ in range(5):
        assert attempt(client, account.email).status_code == 400
    assert attempt(client, account.email).status_code == 429


def test_one_address_trying_many_accounts_waits(client, security, make_account):
    security.attempts_per_address = 4
    for n in range(4):
        assert attempt(client, f"guess{n}@example.org").status_code == 400
    assert attempt(client, "another@example.org").status_code == 429
    client.peer = "198.51.100.9"
    assert attempt(client, "another@example.org").status_code == 400


def test_unknown_addresses_get_the_same_answer_and_the_same_limits(client, make_account):
    account = make_account()
    known = attempt(client, account.email)
    unknown = attempt(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 400
    message = "The e-mail address or the password is not right."
    assert message in known.text and message in unknown.text
    for _ in range(4):
        attempt(client, "nobody@example.org")
    assert attempt(client, "nobody@example.org").status_code == 429


def test_unknown_and_disabled_accounts_still_check_a_password(client, db, make_account, monkeypatch):
    """Same work whether the address has an account or not: one argon2 verification each."""
    account = make_account()
    disabled = make_account(email="disabled@example.org")
    disabled.active = False
    db.commit()
    calls = []

    class Counting:
        def __init__(self, hasher):
            self.hasher = hasher

        def __getattr__(self, name):
            return getattr(self.hasher, name)

        def verify(self, *args):
            calls.append(1)
            return self.hasher.verify(*args)

    monkeypatch.setattr(auth, "hasher", Counting(auth.hasher))
    site_hasher = auth.hasher_for
    monkeypatch.setattr(auth, "hasher_for", lambda site=None: Counting(site_hasher(site)))
    for email in (account.email, "nobody@example.org", disabled.email):
        calls.clear()
        assert attempt(client, email).status_code == 400
        assert len(calls) == 1, email


def test_an_account_under_attack_mails_its_owner_an_unlock_link(
    client, db, security, make_account, smtp_server
):
    security.attempts_per_account = 3
    account = make_account(email="owner@example.org")
    account.locale = "en"  # mail goes out in the owner's language (the site's default: French)
    db.commit()
    for n in range(3):  # three addresses of a botnet
        client.peer = f"203.0.113.{n + 1}"
        assert attempt(client, account.email).status_code == 400
    client.peer = "203.0.113.50"
    assert attempt(client, account.email).status_code == 429  # everyone waits now...
    client.peer = "198.51.100.2"
    assert attempt(client, account.email, TEST_PASSWORD).status_code == 429  # ...the owner too
    [mail] = smtp_server.to("owner@example.org")
    text = mail.get_body(("plain",)).get_content()
    assert "3 failed attempts" in text
    link = re.search(r"https?://\S+/unlock/\S+", text).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    unlocked = client.post(path, follow_redirects=False)
    assert unlocked.status_code == 303
    assert client.cookies.get("parvis_unlocked")
    assert attempt(client, account.email, TEST_PASSWORD).status_code == 303
    # The link works once; strangers still wait (their counters start again, the owner's browser
    # is counted on its own).
    assert client.post(path, follow_redirects=False).status_code == 404
    assert len(smtp_server.to("owner@example.org")) == 1


def test_no_unlock_mail_for_an_address_without_account(client, security, smtp_server):
    security.attempts_per_account = 2
    for n in range(3):
        client.peer = f"203.0.113.{n + 1}"
        attempt(client, "nobody@example.org")
    assert smtp_server.messages == []


def test_forwarded_addresses_count_only_from_trusted_proxies(client, make_account, trusting):
    """Behind the site's proxy, each client is limited by its own address (X-Forwarded-For)."""
    account = make_account()
    client.peer = "10.0.0.5"  # the site's reverse proxy
    stranger = {"x-forwarded-for": "203.0.113.9"}
    for _ in range(5):
        assert attempt(client, account.email, headers=stranger).status_code == 400
    assert attempt(client, account.email, headers=stranger).status_code == 429
    owner = {"x-forwarded-for": "198.51.100.2"}
    assert attempt(client, account.email, TEST_PASSWORD, headers=owner).status_code == 303


def test_forwarded_addresses_from_anyone_else_are_ignored(client, make_account, trusting):
    account = make_account()
    client.peer = "198.51.100.7"  # not a proxy of the site: its header is not believed
    for n in range(5):
        forged = {"x-forwarded-for": f"203.0.113.{n}"}
        assert attempt(client, account.email, headers=forged).status_code == 400
    assert attempt(client, account.email, headers={"x-forwarded-for": "203.0.113.99"}).status_code == 429


def test_ipv6_addresses_are_limited_by_their_64_block():
    assert ratelimit.address_key("2001:db8::1") == ratelimit.address_key("2001:db8::ffff:1")
    assert ratelimit.address_key("2001:db8::1") != ratelimit.address_key("2001:db8:0:1::1")
    assert ratelimit.address_key("::ffff:192.0.2.1") == "192.0.2.1"


# -- concurrency: the check and the increment are one step, on SQLite and PostgreSQL --------------


def test_concurrent_attempts_never_pass_the_limit(site, db):
    limit = Limit("test:concurrent", 5, timedelta(seconds=30), timedelta(hours=1), timedelta(hours=1))
    passed, waited, errors = [], [], []
    barrier = threading.Barrier(40)

    def one() -> None:
        barrier.wait()
        try:
            ratelimit.count_attempt(site, [limit])
            passed.append(1)
        except Throttled:
            waited.append(1)
        except Exception as error:
            errors.append(repr(error))

    threads = [threading.Thread(target=one) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(passed) == 5 and len(waited) == 35
    assert db.get(RateCounter, "test:concurrent").count == 5


def test_forty_simultaneous_wrong_passwords_check_at_most_five(live_server, make_account, monkeypatch):
    account = make_account()
    checked = []
    original = auth.verify_password

    def counting(*args):
        checked.append(1)
        return original(*args)

    clients = []
    for _ in range(40):
        http = httpx.Client(base_url=live_server, timeout=300)  # a busy machine is slow, not wrong
        http.get("/en/login")
        clients.append(http)
    barrier = threading.Barrier(40)
    statuses = []

    def one(http) -> None:
        barrier.wait()
        token = http.cookies.get("parvis_csrf")
        response = http.post(
            "/en/login",
            data={"email": account.email, "password": WRONG},
            headers={"x-csrftoken": token},
        )
        statuses.append(response.status_code)

    monkeypatch.setattr("parvis.web.accounts.verify_password", counting)
    threads = [threading.Thread(target=one, args=(http,)) for http in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for http in clients:
        http.close()
    assert len(statuses) == 40  # every request was answered
    assert sorted(set(statuses)) == [400, 429]
    assert statuses.count(400) == len(checked) <= 5


def test_counting_inside_a_signed_in_request_does_not_wait_on_itself(client, login_as):
    """SQLite: the request's read transaction (the actor) is ended before the counter is written."""
    login_as()
    response = client.post("/en/account/two-factor/off", data={"password": WRONG})
    assert response.status_code in (400, 409)


def test_stale_counters_start_again_and_are_purged(site, db, clock):
    limit = Limit("test:stale", 2, timedelta(seconds=30), timedelta(hours=1), timedelta(hours=24))
    ratelimit.count_attempt(site, [limit])
    ratelimit.count_attempt(site, [limit])
    with pytest.raises(Throttled):
        ratelimit.count_attempt(site, [limit])
    clock.advance(timedelta(hours=25))
    assert ratelimit.count_attempt(site, [limit]) == {"test:stale": 1}
    clock.advance(timedelta(hours=25))
    assert ratelimit.purge_stale(db, site, timedelta(hours=24)) == 1
    db.commit()
    assert db.scalars(select(RateCounter)).all() == []


def test_the_periodic_purge_forgets_old_counters_and_expired_tokens(client, db, site, make_account, clock):
    from parvis import sign_in
    from parvis.accounts.tokens import AccountToken as LoginToken

    account = make_account()
    attempt(client, account.email)
    sign_in.issue_token(db, site, account, sign_in.UNLOCK_LINK, timedelta(minutes=60))
    db.commit()
    assert sign_in.purge(db, site) == 0
    clock.advance(timedelta(hours=25))
    assert sign_in.purge(db, site) == 4  # three counters of the attempt, one token
    db.commit()
    assert db.scalars(select(RateCounter)).all() == [] and db.scalars(select(LoginToken)).all() == []


def test_the_password_check_leaves_other_writers_free(client, make_account, site, monkeypatch):
    """SQLite has one writer: the hash check (tens of ms) must not hold the lock, or every ballot
    cast meanwhile queues behind each sign-in."""
    if site.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL locks rows, not the database")
    account = make_account()
    writers = []

    def check_while_another_writes(*args, **kwargs):
        raw = site.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA busy_timeout=0")  # refused at once if the lock is held
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("ROLLBACK")
            writers.append("wrote")
        finally:
            raw.close()
        return real_verify(*args, **kwargs)

    from parvis.web import accounts as routes

    real_verify = routes.verify_password
    monkeypatch.setattr(routes, "verify_password", check_while_another_writes)
    assert attempt(client, account.email, TEST_PASSWORD).status_code == 303
    assert writers == ["wrote"]


def test_signing_in_upgrades_a_hash_made_with_older_parameters(client, make_account, db):
    from argon2 import PasswordHasher

    account = make_account()
    old = PasswordHasher(time_cost=2, memory_cost=8, parallelism=1).hash(TEST_PASSWORD)
    account.password_hash = old
    db.commit()
    assert attempt(client, account.email, TEST_PASSWORD).status_code == 303
    db.expire_all()
    assert account.password_hash != old
    assert auth.verify_password(account, TEST_PASSWORD)

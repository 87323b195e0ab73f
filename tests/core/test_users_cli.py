"""``parvis users``: the first administrator of a fresh database, roles, disabling; every change
audited; refusals translated, with their exit status. And the site that has no administrator yet."""

import logging
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text

from parvis.accounts import bootstrap
from parvis.audit import AuditEvent
from parvis.cli import cli
from parvis.identity import Account

PASSWORD = "a long enough secret\n"


@pytest.fixture
def users_env(monkeypatch, migrated_database, db):
    """The command line on its own, freshly upgraded database."""
    monkeypatch.setenv("PARVIS_DATABASE_URL", migrated_database)
    monkeypatch.setenv("PARVIS_LANG", "en")
    monkeypatch.setenv("PARVIS_SECRET_KEY", "test-secret")
    return migrated_database


def run(*args, input=None):  # noqa: A002 - click's name
    return CliRunner().invoke(cli, ["users", *args], input=input)


def query(url, statement):
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            return connection.execute(statement).all()
    finally:
        engine.dispose()


def test_the_first_administrator_is_created_with_a_password_from_standard_input(users_env):
    result = run("create", "You@City.example", "--role", "admin", "--name", "Alix Admin", input=PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Account you@city.example created (Administrator)." in result.output
    listing = run("list")
    assert listing.exit_code == 0
    header, rule, row, total = listing.output.splitlines()
    assert header.split() == ["E-mail", "address", "Name", "Roles", "Active", "Confirmed", "Last", "sign-in"]
    assert set(rule) <= {"-", " "}
    assert re.match(r"you@city\.example\s+Alix Admin\s+Administrator\s+yes\s+yes\s+—", row)
    assert total == "1 account."
    [(actor,)] = query(
        users_env,
        select(AuditEvent.actor_name).where(AuditEvent.action == "core.role.grant"),
    )
    assert re.fullmatch(r"command line \(.+@.+\)", actor)


def test_roles_are_granted_revoked_and_listed(users_env):
    run("create", "admin@city.example", "--role", "admin", input=PASSWORD)
    run("create", "ana@city.example", input=PASSWORD)
    assert (
        run("grant", "ana@city.example", "official").output.strip()
        == "ana@city.example is now: City official."
    )
    assert "already has the role" in run("grant", "ANA@city.example", "official").output
    officials = run("list", "--role", "official").output
    assert "ana@city.example" in officials and "admin@city.example" not in officials
    assert "ana@city.example" not in run("list", "--role", "citizen").output
    assert "no longer has the role" in run("revoke", "ana@city.example", "official").output
    assert "ana@city.example" in run("list", "--role", "citizen").output
    actions = [a for (a,) in query(users_env, select(AuditEvent.action).order_by(AuditEvent.id))]
    assert actions == [
        "core.account.create",
        "core.role.grant",
        "core.account.create",
        "core.role.grant",
        "core.role.revoke",
    ]


def test_disabling_and_enabling_an_account(users_env):
    run("create", "admin@city.example", "--role", "admin", input=PASSWORD)
    run("create", "ana@city.example", input=PASSWORD)
    assert run("disable", "ana@city.example").output.strip() == "ana@city.example is disabled."
    assert query(users_env, select(Account.active).where(Account.email == "ana@city.example")) == [(False,)]
    assert "was already disabled" in run("disable", "ana@city.example").output
    assert run("enable", "ana@city.example").exit_code == 0
    assert query(users_env, select(Account.active).where(Account.email == "ana@city.example")) == [(True,)]
    refused = run("disable", "admin@city.example")
    assert refused.exit_code == 1
    assert "last active administrator" in refused.output
    assert run("revoke", "admin@city.example", "admin").exit_code == 1


@pytest.mark.parametrize(
    ("args", "stdin", "status", "message"),
    [
        (("create", "a@city.example", "--role", "mayor"), PASSWORD, 2, "Unknown role 'mayor'"),
        (("create", "not-an-address"), PASSWORD, 2, "Enter an e-mail address"),
        (("create", "a@city.example", "--locale", "de"), PASSWORD, 2, "Unknown language 'de'"),
        (("create", "a@city.example"), "short\n", 1, "Use at least 12 characters."),
        (("create", "a@city.example"), "qwerty123456\n", 1, "one of the most common"),
        (("create", "a@city.example"), "a@city.example\n", 1, "Do not use your e-mail address"),
        (
            ("grant", "nobody@city.example", "official"),
            None,
            1,
            "No account uses the address nobody@city.example.",
        ),
        (("grant", "nobody@city.example", "mayor"), None, 2, "Unknown role 'mayor'"),
        (("revoke", "nobody@city.example", "admin"), None, 1, "No account uses the address"),
        (("disable", "nobody@city.example"), None, 1, "No account uses the address"),
        (("list", "--role", "mayor"), None, 2, "Unknown role 'mayor'"),
    ],
)
def test_refusals_say_why_with_an_exit_status(users_env, args, stdin, status, message):
    result = run(*args, input=stdin)
    assert result.exit_code == status, result.output
    assert message in result.output
    assert query(users_env, select(Account.email)) == []


def test_refusals_are_translated(users_env, monkeypatch):
    monkeypatch.setenv("PARVIS_LANG", "fr")
    result = run("grant", "nobody@city.example", "official")
    assert result.exit_code == 1
    assert "Aucun compte" in result.output


def test_an_address_is_used_once(users_env):
    run("create", "ana@city.example", input=PASSWORD)
    again = run("create", "Ana@city.example", input=PASSWORD)
    assert again.exit_code == 1
    assert "already uses the address" in again.output


def test_a_password_typed_at_a_terminal_is_asked_twice(users_env, monkeypatch):
    from parvis.accounts import cli as users_cli

    monkeypatch.setattr(users_cli, "interactive", lambda: True)
    mismatch = run("create", "a@city.example", input="one long secret!\nanother secret!\n" * 3)
    assert mismatch.exit_code == 1
    assert "The two passwords are different." in mismatch.output
    ok = run("create", "a@city.example", input="a long enough secret\na long enough secret\n")
    assert ok.exit_code == 0, ok.output
    assert "a long enough secret" not in ok.output, "typed passwords are not echoed"


def test_an_invitation_mails_a_link_to_choose_the_password(users_env, smtp_server, monkeypatch, site):
    monkeypatch.setenv("PARVIS_SMTP_URL", site.config.mail.smtp_url)
    result = run("create", "new.official@city.example", "--role", "official", "--invite", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "An invitation was sent to new.official@city.example" in result.output
    assert smtp_server.received == []  # a worker's delivery job sends it (here: the command)
    assert query(users_env, text("select kind, status from core_job")) == [("core.deliver_mail", "queued")]
    assert CliRunner().invoke(cli, ["mail", "deliver"]).exit_code == 0
    [message] = smtp_server.received
    assert message["To"] == "new.official@city.example"
    body = message.get_body(("plain",)).get_content()
    assert re.search(r"http://localhost:8000/en/password/reset/[\w-]{40,}", body)
    assert "168 hours" in body
    [(verified,)] = query(users_env, select(Account.email_verified_at))
    assert verified is None, "confirmed when the link is used"


def test_a_production_site_without_an_administrator_says_how_to_create_one(
    client, site, make_account, monkeypatch, caplog
):
    monkeypatch.setattr(site.config.server, "development", False)
    home = client.get("/en/")
    assert "This site is not set up yet" in home.text
    assert "<code>parvis users create you@city.example --role admin</code>" in home.text
    with caplog.at_level(logging.WARNING, logger="parvis.accounts"):
        assert bootstrap.warn_at_start(site) is True
    expected = "This site has no administrator yet. Create the first one with: " + bootstrap.COMMAND
    assert [r.getMessage() for r in caplog.records] == [expected]
    make_account("admin")
    assert "not set up yet" not in client.get("/en/").text
    assert bootstrap.warn_at_start(site) is False


def test_a_development_site_stays_quiet(client, site):
    assert site.config.server.development
    assert "not set up yet" not in client.get("/en/").text

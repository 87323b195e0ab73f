"""Officials' command line for personal data: export and erase one person, purge what expired."""

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from parvis import auth
from parvis.audit import AuditEvent
from parvis.cli import cli
from parvis.identity import Account, Person


@pytest.fixture
def on_test_database(monkeypatch, parvis_database_url, db):
    """The command line on the test database (the ``db`` fixture empties it afterwards)."""
    monkeypatch.setenv("PARVIS_DATABASE_URL", parvis_database_url)
    monkeypatch.setenv("PARVIS_LANG", "en")
    monkeypatch.setenv("PARVIS_SECRET_KEY", "test-secret")


def test_users_export_writes_the_persons_data_and_is_audited(on_test_database, db, make_account, tmp_path):
    account = make_account(email="asked@example.org", given_name="Ada")
    target = tmp_path / "ada.json"
    result = CliRunner().invoke(cli, ["users", "export", "ASKED@example.org", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["subject"]["email"] == "asked@example.org"
    assert {s["code"] for s in data["sections"]} >= {"core.account", "core.person"}
    entry = db.scalar(select(AuditEvent).where(AuditEvent.action == "core.personal_data.export"))
    assert entry.actor_name.startswith("command line (") and entry.records == 1
    assert entry.target_id == account.public_id


def test_users_erase_asks_then_erases_and_audits_without_personal_details(on_test_database, db, make_account):
    account = make_account(email="leaving@example.org", given_name="Leo")
    account_id, person_id = account.id, account.person_id
    refused = CliRunner().invoke(cli, ["users", "erase", "leaving@example.org"], input="n\n")
    assert refused.exit_code == 1 and "Nothing was done." in refused.output
    assert db.get(Account, account_id) is not None
    result = CliRunner().invoke(cli, ["users", "erase", "leaving@example.org", "--yes"])
    assert result.exit_code == 0, result.output
    assert "Nothing will be kept." in result.output and "Reference for the audit log: E-" in result.output
    db.expire_all()
    assert db.get(Account, account_id) is None and db.get(Person, person_id) is None
    entry = db.scalar(select(AuditEvent).where(AuditEvent.action == "core.personal_data.erase"))
    assert entry.actor_name.startswith("command line (")
    assert "leaving" not in entry.target_label + entry.target_id + json.dumps(entry.details)


def test_users_erase_a_person_without_an_account(on_test_database, db):
    db.add(Person(given_name="Rolf", email="roll@example.org"))
    db.commit()
    result = CliRunner().invoke(cli, ["users", "erase", "roll@example.org", "--yes"])
    assert result.exit_code == 0, result.output
    assert db.scalar(select(Person).where(Person.email == "roll@example.org")) is None


def test_an_unknown_address_is_an_error(on_test_database):
    result = CliRunner().invoke(cli, ["users", "erase", "nobody@example.org", "--yes"])
    assert (
        result.exit_code == 2 and "No account or person has the address nobody@example.org." in result.output
    )


def test_privacy_purge_reports_what_it_deleted(on_test_database, db, site, make_account):
    account = make_account()
    db.add(
        auth.AuthSession(
            token_hash="c" * 64, account_id=account.id, expires_at=site.now() - timedelta(days=1)
        )
    )
    db.commit()
    result = CliRunner().invoke(cli, ["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "core.sessions: 1" in result.output
    again = CliRunner().invoke(cli, ["privacy", "purge"])
    assert again.exit_code == 0 and "Nothing had outlived its retention." in again.output

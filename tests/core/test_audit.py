"""The audit log: one append-only record of privileged actions, browsed by administrators."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from parvis import audit
from parvis.audit import AuditEvent
from parvis.db import make_engine
from parvis.mail import MailStatus, OutboxMail
from parvis.testing import login
from parvis.web.addresses import client_address


def entry(db, site, action="core.test", **kwargs):
    event = audit.record(db, site, action, **kwargs)
    db.commit()
    return event


def test_an_administrators_action_is_recorded_with_who_what_and_from_where(client, db, site, make_account):
    admin = make_account("admin", email="root@example.org", given_name="Ada", family_name="Admin")
    mail = OutboxMail(to_address="x@example.org", subject="s", text_body="t", status=MailStatus.FAILED)
    db.add(mail)
    db.commit()
    login(client, admin)
    response = client.post(f"/en/admin/mail/{mail.id}/retry", follow_redirects=False)
    assert response.status_code == 303
    [event] = db.scalars(select(AuditEvent)).all()
    assert event.actor_id == admin.id
    assert event.actor_name == "Ada Admin <root@example.org>"
    assert event.action == "core.mail.retry"
    assert (event.target_type, event.target_id) == ("core_mail", str(mail.id))
    assert event.details == {"to": "x@example.org"}
    assert event.address == "testclient"


def test_an_entry_exists_only_if_its_action_was_committed(db, site):
    audit.record(db, site, "core.test")
    db.rollback()
    assert db.scalars(select(AuditEvent)).all() == []


def test_nothing_can_edit_an_entry(db, site):
    event = entry(db, site, note="original")
    event.action = "core.rewritten"
    with pytest.raises(PermissionError, match="append-only"):
        db.flush()
    db.rollback()
    with pytest.raises(DatabaseError, match="append-only"):
        db.execute(text("UPDATE core_audit_event SET action = 'core.rewritten'"))
    db.rollback()


def test_postgresql_refuses_to_delete_recent_entries(db, site):
    if site.engine.dialect.name != "postgresql":
        pytest.skip("test databases on SQLite are emptied row by row; the migrated case is tested below")
    entry(db, site)
    with pytest.raises(DatabaseError, match="append-only"):
        db.execute(text("DELETE FROM core_audit_event"))
    db.rollback()


def test_a_migrated_database_keeps_entries_a_year_then_the_purge_removes_them(site, migrated_database, clock):
    engine = make_engine(migrated_database)
    with Session(engine) as session:
        recent = audit.record(session, site, "core.recent")
        session.flush()
        old = audit.record(session, site, "core.old")
        old.at = site.now() - timedelta(days=800)
        session.commit()
        with pytest.raises(DatabaseError, match="append-only"):
            session.execute(text("DELETE FROM core_audit_event WHERE id = :id"), {"id": recent.id})
        session.rollback()
        with pytest.raises(DatabaseError, match="append-only"):
            session.execute(text("UPDATE core_audit_event SET action = 'x' WHERE id = :id"), {"id": old.id})
        session.rollback()
        assert audit.purge(session, site, retention_days=100) == 1  # never less than a year
        session.commit()
        assert session.scalars(select(AuditEvent.action)).all() == ["core.recent"]
    engine.dispose()


def test_administrators_filter_the_log(client, db, site, make_account, clock):
    clock.set(datetime(2026, 3, 1, 12, tzinfo=UTC))
    grantor = make_account("admin", email="grantor@example.org", given_name="Gil", family_name="Grant")
    entry(db, site, "core.role.grant", actor=grantor, target=grantor, role="official")
    clock.set(datetime(2026, 3, 5, 12, tzinfo=UTC))
    entry(db, site, "assembly.personal_data.answers", by="command line (root@host)", records=748)
    login(client, make_account("admin"))
    everything = client.get("/en/admin/audit")
    assert "core.role.grant" in everything.text and "748" in everything.text
    assert "2 entries" in everything.text
    by_action = client.get("/en/admin/audit", params={"action": "assembly."})
    assert "748" in by_action.text and "grantor@example.org" not in by_action.text
    by_actor = client.get("/en/admin/audit", params={"who": "Gil"})
    assert "core.role.grant" in by_actor.text and "command line" not in by_actor.text
    by_day = client.get("/en/admin/audit", params={"since": "2026-03-02", "until": "2026-03-05"})
    assert "1 entry" in by_day.text and "748" in by_day.text
    by_object = client.get("/en/admin/audit", params={"target": grantor.public_id})
    assert "1 entry" in by_object.text


def test_officials_do_not_see_the_log(client, make_account):
    login(client, make_account("official"))
    assert client.get("/en/admin/audit").status_code == 403


class Connection:
    """Enough of an ASGI connection for client_address: a peer and headers."""

    def __init__(self, site, peer, forwarded=()):
        from litestar.datastructures import Headers

        self.client = type("Client", (), {"host": peer})()
        self.headers = Headers([(b"x-forwarded-for", value.encode()) for value in forwarded])
        self.app = type("App", (), {"state": type("State", (), {"site": site})()})()


@pytest.fixture
def trusting(site):
    previous = site.config.server.trusted_proxies
    site.config.server.trusted_proxies = ["10.0.0.0/8"]
    yield
    site.config.server.trusted_proxies = previous


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(site, trusting):
    assert client_address(Connection(site, "203.0.113.9", ["198.51.100.1"])) == "203.0.113.9"
    assert client_address(Connection(site, "10.0.0.2", ["198.51.100.1"])) == "198.51.100.1"
    # A visitor's own header comes first; the proxies append the real address after it.
    assert client_address(Connection(site, "10.0.0.2", ["6.6.6.6, 198.51.100.1, 10.0.0.3"])) == "198.51.100.1"
    assert client_address(Connection(site, "10.0.0.2", ["not-an-address"])) == "10.0.0.2"


def test_no_proxy_is_trusted_by_default(site):
    assert site.config.server.trusted_proxies == []
    assert client_address(Connection(site, "127.0.0.1", ["198.51.100.1"])) == "127.0.0.1"

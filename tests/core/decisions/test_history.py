"""The follow-up history cannot be edited afterwards: not by the code, not in the database."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from parvis import migrate
from parvis.bodies.models import Body, Term
from parvis.db import make_engine
from parvis.decisions import history
from parvis.decisions.models import Decision, FollowUpEvent


def test_every_step_is_recorded_with_who_and_what_changed(db, make_decision, official_actor):
    decision = make_decision("submitted")
    events = db.scalars(
        select(FollowUpEvent).where(FollowUpEvent.decision_id == decision.id).order_by(FollowUpEvent.id)
    ).all()
    assert [e.kind for e in events] == ["created", "vote_opened", "vote_closed", "transition", "transition"]
    assert events[-1].changes == {"state": ["validated", "submitted"]}
    assert events[-1].actor_name == official_actor.account.display_name
    assert events[-1].actor_id == official_actor.account.id


def test_the_orm_refuses_to_change_or_delete_an_event(db, make_decision):
    decision = make_decision("draft")
    event = db.scalar(select(FollowUpEvent).where(FollowUpEvent.decision_id == decision.id))
    event.note = "rewritten"
    with pytest.raises(PermissionError, match="append-only"):
        db.flush()
    db.rollback()
    db.delete(db.get(FollowUpEvent, event.id))
    with pytest.raises(PermissionError, match="append-only"):
        db.flush()
    db.rollback()


def test_the_database_refuses_updates(db, make_decision):
    decision = make_decision("draft")
    with pytest.raises(DatabaseError, match="append-only"):
        db.execute(
            text("UPDATE core_followup_event SET note = 'rewritten' WHERE decision_id = :d"),
            {"d": decision.id},
        )
    db.rollback()


def test_the_database_refuses_deletes_on_postgresql(db, site, make_decision):
    if site.engine.dialect.name != "postgresql":
        pytest.skip("test databases on SQLite are emptied row by row, so only migrated ones refuse DELETE")
    decision = make_decision("draft")
    with pytest.raises(DatabaseError, match="append-only"):
        db.execute(text("DELETE FROM core_followup_event WHERE decision_id = :d"), {"d": decision.id})
    db.rollback()


def test_a_migrated_sqlite_database_refuses_updates_and_deletes(site, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    migrate.upgrade(site, engine)
    with Session(engine) as session:
        body = Body(slug="b", kind="k", name="B")
        session.add(body)
        session.flush()
        term = Term(body_id=body.id, label="t", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))
        session.add(term)
        session.flush()
        decision = Decision(
            body_id=body.id, term_id=term.id, type="voeu", workflow="council", state="draft", title="T"
        )
        session.add(decision)
        session.flush()
        history.record(session, decision, "created", None)
        session.commit()
    for statement in ("UPDATE core_followup_event SET note = 'x'", "DELETE FROM core_followup_event"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    engine.dispose()


def test_backdated_records_keep_the_date_of_an_imported_change(db, make_decision):
    from datetime import UTC, datetime

    decision = make_decision("draft")
    at = datetime(2023, 3, 15, 18, 30, tzinfo=UTC)
    with history.backdated(at):
        history.record(db, decision, "comment", None, note="Imported")
    db.commit()
    event = db.scalar(select(FollowUpEvent).where(FollowUpEvent.kind == "comment"))
    assert event.at == at
    assert history.now() > at

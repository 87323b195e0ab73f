"""The append-only follow-up history: recording events and making the database refuse changes.

Citizens must be able to trust that what the City said and when cannot be rewritten afterwards.
So events are only ever inserted (``record``), the ORM refuses to flush a modified or deleted
event, and the database itself refuses UPDATE and DELETE through triggers.

The triggers come from ``TRIGGERS``, used by the Alembic revision (every real database) and by
``create_all`` (test databases). One exception: databases made by ``create_all`` on SQLite do not
get the DELETE trigger, because the test fixtures empty SQLite tables row by row between tests
(PostgreSQL's TRUNCATE does not fire row triggers). Migrated SQLite databases refuse both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy import DDL, event
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.db import utcnow
from parvis.decisions.models import Decision, FollowUpEvent

TABLE = FollowUpEvent.__tablename__
REFUSAL = "core_followup_event is append-only"

POSTGRESQL_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = '{REFUSAL}: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()""",
]
SQLITE_UPDATE_TRIGGER = f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{REFUSAL}: UPDATE refused'); END"""
SQLITE_DELETE_TRIGGER = f"""CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{REFUSAL}: DELETE refused'); END"""
TRIGGERS = {
    "postgresql": POSTGRESQL_TRIGGERS,
    "sqlite": [SQLITE_UPDATE_TRIGGER, SQLITE_DELETE_TRIGGER],
}


def install_triggers(execute: Any, dialect: str) -> None:
    """Create the triggers with ``execute(sql)`` (``op.execute`` in a migration)."""
    for statement in TRIGGERS.get(dialect, ()):
        execute(statement)


def drop_triggers(execute: Any, dialect: str) -> None:
    if dialect == "postgresql":
        execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
        execute(f"DROP FUNCTION IF EXISTS {TABLE}_refuse()")
    elif dialect == "sqlite":
        execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update")
        execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_delete")


for _statement in POSTGRESQL_TRIGGERS:
    event.listen(FollowUpEvent.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
event.listen(FollowUpEvent.__table__, "after_create", DDL(SQLITE_UPDATE_TRIGGER).execute_if(dialect="sqlite"))


@event.listens_for(Session, "before_flush")
def _refuse_history_changes(session: Session, _context: Any, _instances: Any) -> None:
    """No code path may modify or delete an event; fail loudly before the database has to."""
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, FollowUpEvent) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise PermissionError(REFUSAL)


_backdate: ContextVar[datetime | None] = ContextVar("parvis_history_backdate", default=None)


def now() -> datetime:
    """The time recorded for a change: now, or the date of a past change being imported."""
    return _backdate.get() or utcnow()


@contextmanager
def backdated(at: datetime) -> Iterator[None]:
    """Record the changes made inside the block at ``at``: importing a body's past follow-up
    (and demo data) keeps its real dates. Never used for live changes."""
    token = _backdate.set(at)
    try:
        yield
    finally:
        _backdate.reset(token)


def actor_name(actor: Actor | None) -> str:
    return actor.account.display_name if actor and actor.account else ""


def record(
    db: Session,
    decision: Decision,
    kind: str,
    actor: Actor | None,
    changes: dict[str, list[Any]] | None = None,
    *,
    note: str = "",
) -> FollowUpEvent:
    """Append one event to a decision's history (``changes``: {field: [old, new]}, JSON values)."""
    entry = FollowUpEvent(
        decision_id=decision.id,
        at=now(),
        kind=kind,
        actor_id=actor.account.id if actor and actor.account else None,
        actor_name=actor_name(actor),
        changes=changes or {},
        note=note,
    )
    db.add(entry)
    return entry


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [old, new]} with JSON-friendly values."""
    return {
        key: [_json(before.get(key)), _json(value)]
        for key, value in after.items()
        if _json(before.get(key)) != _json(value)
    }


def _json(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value

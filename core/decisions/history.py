"""The append-only follow-up history: recording events and making the database refuse changes.

Citizens must be able to trust that what the City said and when cannot be rewritten afterwards.
So events are only ever inserted (``record``), the ORM refuses to flush a modified or deleted
event, and the database itself refuses UPDATE and DELETE through triggers.

The triggers come from ``parvis.append_only``, shared with the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from parvis.append_only import append_only
from parvis.auth import Actor
from parvis.db import utcnow
from parvis.decisions.models import Decision, FollowUpEvent

append_only(FollowUpEvent)

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

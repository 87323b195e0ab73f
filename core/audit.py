"""The audit log: one append-only record of every privileged action on the site.

Role changes, draws, publications, deletions, moderation and every download of personal data
are written here by one call, ``record`` (or ``record_request`` inside a route), in the same
transaction as the action, so an action that is rolled back leaves no entry and an entry cannot
exist without its action. Nothing edits an entry: the ORM and the database refuse UPDATE, and
DELETE of entries younger than a year (the retention purge removes older ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, Select, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.append_only import append_only
from parvis.auth import Actor
from parvis.db import Base, utcnow
from parvis.identity import Account

if TYPE_CHECKING:
    from litestar import Request

    from parvis.site import Site

# The database refuses to delete entries younger than this; the purge keeps them longer if asked.
MIN_RETENTION_DAYS = 365


class AuditEvent(Base):
    """Who did what, to which object, when and from which address.

    The actor is a plain id plus the name and address at the time (no foreign key: erasing an
    account never rewrites the log); the object is named by its kind, public id and label.
    """

    __tablename__ = "core_audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_name: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str] = mapped_column(String(64), default="")
    target_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    target_label: Mapped[str] = mapped_column(String(300), default="")
    # How many people's personal data the action concerned (an export of 748 answers: 748).
    records: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


append_only(AuditEvent, deletable_after=("at", MIN_RETENTION_DAYS))


def describe(target: Any) -> tuple[str, str, str]:
    """(kind, public id, label) of a model instance: its table, public id or slug, and a name."""
    if target is None:
        return "", "", ""
    kind = getattr(target, "__tablename__", type(target).__name__)
    identifier = next(
        (str(v) for a in ("public_id", "slug", "id") if (v := getattr(target, a, None)) is not None), ""
    )
    names = ("title", "name", "display_name", "full_name", "label", "email")
    label = next((str(v) for a in names if (v := getattr(target, a, None))), "")
    return kind, identifier, label


def actor_name(actor: Actor | Account | None) -> str:
    account = actor.account if isinstance(actor, Actor) else actor
    return f"{account.display_name} <{account.email}>" if account is not None else ""


def record(
    db: Session,
    site: Site,
    action: str,
    *,
    actor: Actor | Account | None = None,
    target: Any = None,
    address: str = "",
    records: int = 0,
    by: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Append an entry in the caller's transaction.

    ``action`` is a dotted code (``core.role.grant``, ``assembly.answers.export``); ``target`` the
    object acted on; ``records`` how many people's data was seen or exported; ``by`` names an actor
    without an account (``command line (root@host)``); ``details`` any JSON values worth keeping.
    """
    account = actor.account if isinstance(actor, Actor) else actor
    kind, identifier, label = describe(target)
    event = AuditEvent(
        at=site.now(),
        actor_id=account.id if account is not None else None,
        actor_name=(by or actor_name(account))[:300],
        address=address[:64],
        action=action[:64],
        target_type=kind[:64],
        target_id=identifier[:64],
        target_label=label[:300],
        records=records,
        details=details,
    )
    db.add(event)
    return event


def record_request(
    request: Request[Any, Any, Any], action: str, *, target: Any = None, records: int = 0, **details: Any
) -> AuditEvent:
    """``record`` for the request's actor, from the request's client address."""
    from parvis.web.addresses import client_address
    from parvis.web.context import state_of

    state = state_of(request)
    return record(
        state.db,
        state.site,
        action,
        actor=state.actor,
        target=target,
        address=client_address(request),
        records=records,
        **details,
    )


@dataclass(frozen=True, slots=True)
class Filters:
    actor: str = ""  # part of a name or address
    action: str = ""  # a code or the start of one ("assembly.")
    target: str = ""  # a public id, or part of an object's label
    since: datetime | None = None
    until: datetime | None = None


def query(filters: Filters) -> Select[AuditEvent]:
    """Entries matching ``filters``, newest first."""
    found = select(AuditEvent)
    if filters.actor:
        found = found.where(AuditEvent.actor_name.ilike(f"%{_like(filters.actor)}%", escape="\\"))
    if filters.action:
        found = found.where(AuditEvent.action.startswith(filters.action, autoescape=True))
    if filters.target:
        text = filters.target
        found = found.where(
            (AuditEvent.target_id == text) | AuditEvent.target_label.ilike(f"%{_like(text)}%", escape="\\")
        )
    if filters.since is not None:
        found = found.where(AuditEvent.at >= filters.since)
    if filters.until is not None:
        found = found.where(AuditEvent.at < filters.until)
    return found.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def search(
    db: Session, filters: Filters, *, offset: int = 0, limit: int = 50
) -> tuple[list[AuditEvent], int]:
    """Entries matching ``filters``, newest first, and how many match in all."""
    found = query(filters)
    total = db.scalar(select(func.count()).select_from(found.order_by(None).subquery())) or 0
    return list(db.scalars(found.offset(offset).limit(limit))), int(total)


def actions(db: Session) -> list[str]:
    """Every action code recorded so far, for the filter's choices."""
    return list(db.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def purge(db: Session, site: Site, retention_days: int) -> int:
    """Delete entries older than ``retention_days`` (never less than a year); returns how many."""
    cutoff = site.now() - timedelta(days=max(retention_days, MIN_RETENTION_DAYS) + 1)
    result = db.execute(delete(AuditEvent).where(AuditEvent.at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


__all__ = ["AuditEvent", "Filters", "actions", "purge", "query", "record", "record_request", "search"]

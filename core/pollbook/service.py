"""Marking electors in the poll book, and counting the marks.

``mark`` is one ``INSERT ... ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL): whichever of two
concurrent marks of the same elector reaches the database first stores its row; the other inserts
nothing, reads the stored mark (PostgreSQL waits for the first transaction, then sees its
committed row; SQLite serialises writers) and raises ``AlreadyMarked`` with who marked the
elector, where and when. The caller's transaction is never aborted by the conflict, so a refusal
is an ordinary ``Refused``, rolled back by the unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from parvis.db import rows_affected
from parvis.formatting import format_datetime
from parvis.i18n import _
from parvis.identity import Account
from parvis.pollbook.models import Channel, Poll, PollMark
from parvis.refusals import Refused


@dataclass(frozen=True, slots=True)
class Mark:
    """A stored mark, as read back (``fresh``: this call stored it)."""

    poll: str
    elector: str
    channel: str
    place: str
    marked_by_name: str
    marked_at: datetime
    fresh: bool = False

    @property
    def channel_label(self) -> str:
        return _(Channel(self.channel).label) if self.channel in set(Channel) else self.channel


class AlreadyMarked(Refused):
    """The elector is already marked in this poll: ``existing`` says by whom, where and when."""

    def __init__(self, existing: Mark, message: str | None = None, field: str | None = None) -> None:
        self.existing = existing
        if message is None:
            when = format_datetime(existing.marked_at, "short")
            if existing.marked_by_name:
                message = _("Already marked as having voted ({channel}) by {who}, {when}.").format(
                    channel=existing.channel_label, who=existing.marked_by_name, when=when
                )
            else:
                message = _("Already marked as having voted ({channel}), {when}.").format(
                    channel=existing.channel_label, when=when
                )
        super().__init__(message, field, details={"channel": existing.channel, "place": existing.place})


def _insert(db: Session, table: Any) -> Any:
    dialect = db.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def open_poll(db: Session, key: str, *, title: str = "", keep_until: datetime | None = None) -> None:
    """Declare (or update) a poll: its title and until when its marks are kept (None: until the
    owner calls ``forget_poll``). Marking does not need it; retention does."""
    statement = _insert(db, Poll).values(key=key, title=title[:200], keep_until=keep_until)
    db.execute(
        statement.on_conflict_do_update(
            index_elements=["key"], set_={"title": statement.excluded.title, "keep_until": keep_until}
        )
    )


def mark(
    db: Session,
    poll: str,
    elector: str,
    *,
    channel: str,
    at: datetime,
    place: str = "",
    by: Account | None = None,
    by_name: str | None = None,
    person_id: int | None = None,
    same_channel_ok: bool = False,
) -> Mark:
    """Mark ``elector`` as having voted in ``poll``; raise ``AlreadyMarked`` if already marked.

    ``by`` is the clerk's account (its display name is kept with the mark, or ``by_name``);
    ``place`` the voting place's key, used to count marks per place. With ``same_channel_ok``, an
    existing mark of the same channel is returned instead of refused (an online voter casting a
    second ballot of the same poll, as the budget's two ballots). The caller commits.
    """
    name = by_name if by_name is not None else (by.display_name if by is not None else "")
    values = {
        "poll": poll,
        "elector": elector,
        "person_id": person_id,
        "channel": str(channel),
        "place": place,
        "marked_by_id": by.id if by is not None else None,
        "marked_by_name": name[:200],
        "marked_at": at,
    }
    statement = (
        _insert(db, PollMark).values(**values).on_conflict_do_nothing(index_elements=["poll", "elector"])
    )
    # RETURNING says whether this statement stored the row (a driver's rowcount may not).
    if db.execute(statement.returning(PollMark.elector)).first() is not None:
        return Mark(poll, elector, str(channel), place, name, at, fresh=True)
    existing = mark_of(db, poll, elector)
    if existing is None:  # the first mark was rolled back between our insert and this read: retry
        return mark(
            db,
            poll,
            elector,
            channel=channel,
            at=at,
            place=place,
            by=by,
            by_name=by_name,
            person_id=person_id,
            same_channel_ok=same_channel_ok,
        )
    if same_channel_ok and existing.channel == str(channel):
        return existing
    raise AlreadyMarked(existing)


def mark_of(db: Session, poll: str, elector: str) -> Mark | None:
    row = db.execute(
        select(PollMark.channel, PollMark.place, PollMark.marked_by_name, PollMark.marked_at).where(
            PollMark.poll == poll, PollMark.elector == elector
        )
    ).first()
    if row is None:
        return None
    return Mark(poll, elector, row.channel, row.place, row.marked_by_name, row.marked_at)


def marks_of(db: Session, poll: str, electors: Iterable[str]) -> dict[str, Mark]:
    """The marks of several electors (a search result's), by elector key."""
    keys = list(electors)
    if not keys:
        return {}
    rows = db.execute(
        select(
            PollMark.elector, PollMark.channel, PollMark.place, PollMark.marked_by_name, PollMark.marked_at
        ).where(PollMark.poll == poll, PollMark.elector.in_(keys))
    )
    return {r.elector: Mark(poll, r.elector, r.channel, r.place, r.marked_by_name, r.marked_at) for r in rows}


def count_marks(db: Session, poll: str) -> int:
    return int(db.scalar(select(func.count()).select_from(PollMark).where(PollMark.poll == poll)) or 0)


def marks_by_place(db: Session, poll: str, *, since: datetime | None = None) -> dict[str, int]:
    """How many electors were marked at each place (the online channel's place is ``""``)."""
    query = select(PollMark.place, func.count()).where(PollMark.poll == poll)
    if since is not None:
        query = query.where(PollMark.marked_at >= since)
    return {place: int(n) for place, n in db.execute(query.group_by(PollMark.place))}


def marks_by_channel(db: Session, poll: str) -> dict[str, int]:
    query = select(PollMark.channel, func.count()).where(PollMark.poll == poll).group_by(PollMark.channel)
    return {channel: int(n) for channel, n in db.execute(query)}


def marks_of_person(db: Session, person_id: int) -> list[tuple[Mark, str]]:
    """A person's marks with their poll's title, oldest first (for their data export)."""
    rows = db.execute(
        select(PollMark, Poll.title)
        .outerjoin(Poll, Poll.key == PollMark.poll)
        .where(PollMark.person_id == person_id)
        .order_by(PollMark.marked_at)
    )
    return [
        (Mark(m.poll, m.elector, m.channel, m.place, m.marked_by_name, m.marked_at), title or m.poll)
        for m, title in rows
    ]


def forget_poll(db: Session, poll: str) -> int:
    """Delete a poll's marks (its owner's retention ended, or the poll is deleted)."""
    deleted = db.execute(delete(PollMark).where(PollMark.poll == poll))
    db.execute(delete(Poll).where(Poll.key == poll))
    return rows_affected(deleted)


def purge_expired(db: Session, now: datetime) -> int:
    """Delete the marks of every poll whose ``keep_until`` is past."""
    expired = select(Poll.key).where(Poll.keep_until.is_not(None), Poll.keep_until < now)
    deleted = db.execute(delete(PollMark).where(PollMark.poll.in_(expired)))
    db.execute(delete(Poll).where(Poll.keep_until.is_not(None), Poll.keep_until < now))
    return rows_affected(deleted)

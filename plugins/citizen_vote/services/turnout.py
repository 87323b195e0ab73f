"""Live turnout by district, counted from the poll book by a periodic job, read by the pages.

On polling day a city's poll book holds up to 1.4 million marks: counting them on every view of
the public page would let visitors load the database. The job ``citizen_vote.turnout`` runs every
``turnout_minutes`` (site clock) and writes one row per district (``citizen_vote_turnout``) for
each vote that is open, and once more after it closes; pages read those rows and say when they
were counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, delete, func, insert, select
from sqlalchemy.orm import Session

from parvis.api import pollbook
from parvis.plugins.citizen_vote.models import RollEntry, Turnout, Vote
from parvis.plugins.citizen_vote.services.online import ONLINE
from parvis.plugins.citizen_vote.services.roll import registered_by_district


@dataclass(frozen=True, slots=True)
class TurnoutSnapshot:
    rows: list[tuple[str, int, int]]  # (district, voters, registered), in district order
    computed_at: datetime | None  # None: not counted yet


def count_turnout(db: Session, vote: Vote) -> list[tuple[str, int, int]]:
    """(district, electors marked, registered) for every district with electors, from the poll
    book: marks at a place count for its district, online marks for the elector's district."""
    registered = registered_by_district(db, vote)
    district_of = {p.public_id: p.district for p in vote.places}
    voted: dict[str, int] = {}
    for place, n in pollbook.marks_by_place(db, vote.poll).items():
        district = district_of.get(place)
        if district is not None:
            voted[district] = voted.get(district, 0) + n
    if vote.online:
        online = db.execute(
            select(RollEntry.district, func.count())
            .join(
                pollbook.PollMark,
                (pollbook.PollMark.elector == cast(RollEntry.id, String))
                & (pollbook.PollMark.poll == vote.poll),
            )
            .where(RollEntry.vote_id == vote.id, pollbook.PollMark.place == ONLINE)
            .group_by(RollEntry.district)
        )
        for district, n in online:
            voted[district] = voted.get(district, 0) + int(n)
    return [
        (d, voted.get(d, 0), n) for d, n in sorted(registered.items(), key=lambda x: _district_order(x[0]))
    ]


def _district_order(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)


def refresh(db: Session, vote: Vote, now: datetime) -> None:
    """Count the vote's turnout now and keep it (replacing the previous count)."""
    rows = count_turnout(db, vote)
    db.execute(delete(Turnout).where(Turnout.vote_id == vote.id))
    if rows:
        db.execute(
            insert(Turnout),
            [
                {"vote_id": vote.id, "district": d, "voters": v, "registered": r, "computed_at": now}
                for d, v, r in rows
            ],
        )
    db.flush()


def due(db: Session, now: datetime) -> list[Vote]:
    """Votes whose turnout should be counted: open now, or closed since the last count."""
    last = dict(
        db.execute(select(Turnout.vote_id, func.max(Turnout.computed_at)).group_by(Turnout.vote_id)).all()
    )
    found = []
    for vote in db.scalars(select(Vote).where(Vote.opens_at <= now).order_by(Vote.id)):
        counted = last.get(vote.id)
        if now < vote.closes_at or counted is None or counted < vote.closes_at:
            found.append(vote)
    return found


def refresh_due(db: Session, now: datetime) -> int:
    """Count the turnout of every vote that needs it; how many were counted."""
    votes = due(db, now)
    for vote in votes:
        refresh(db, vote, now)
    return len(votes)


def snapshot(db: Session, vote: Vote) -> TurnoutSnapshot:
    """The last count of the vote's turnout, as pages show it."""
    found = db.execute(
        select(Turnout.district, Turnout.voters, Turnout.registered, Turnout.computed_at).where(
            Turnout.vote_id == vote.id
        )
    ).all()
    if not found:
        return TurnoutSnapshot([], None)
    rows = sorted(((d, int(v), int(r)) for d, v, r, _at in found), key=lambda x: _district_order(x[0]))
    return TurnoutSnapshot(rows, max(at for *_rest, at in found))

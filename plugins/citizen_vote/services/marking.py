"""Marking electors in core's poll book at a voting place."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, pollbook
from parvis.plugins.citizen_vote.models import (
    Place,
    RollEntry,
    Vote,
)
from parvis.plugins.citizen_vote.services.places import (
    place_of_section,
)
from parvis.plugins.citizen_vote.services.votes import (
    VoteRefused,
)


def find_electors(
    db: Session, vote: Vote, *, name: str = "", born: date | None = None, number: str = "", limit: int = 20
) -> list[RollEntry]:
    """Electors by roll number, or by family name (case-insensitive, exact) and birth date."""
    query = select(RollEntry).where(RollEntry.vote_id == vote.id)
    if number.strip():
        query = query.where(RollEntry.number == number.strip())
    elif name.strip() and born is not None:
        query = query.where(
            func.lower(RollEntry.family_name) == name.strip().lower(), RollEntry.birth_date == born
        )
    else:
        return []
    return list(db.scalars(query.order_by(RollEntry.family_name, RollEntry.given_name).limit(limit)))


def vote_open(vote: Vote, now: datetime) -> bool:
    return vote.opens_at <= now < vote.closes_at


def mark_elector(
    db: Session, vote: Vote, place: Place, entry: RollEntry, actor: Actor, *, now: datetime
) -> pollbook.Mark:
    """Mark the elector as having voted at ``place``: refused if the vote is not open, if the
    elector votes at another place, or if anyone marked them already (``AlreadyMarked``)."""
    if not vote_open(vote, now):
        raise VoteRefused(_("The poll book opens with the vote and closes with it."))
    if entry.vote_id != vote.id:
        raise VoteRefused(_("This elector is not on this vote's roll."))
    served = {s.section for s in place.sections}
    if served and entry.section not in served:
        other = place_of_section(db, vote, entry.section)
        where = other.name if other is not None else _("no voting place")
        raise VoteRefused(
            _("This elector votes at {place} (section {section}).").format(place=where, section=entry.section)
        )
    return pollbook.mark(
        db,
        vote.poll,
        str(entry.id),
        channel=pollbook.Channel.IN_PERSON,
        at=now,
        place=place.public_id,
        by=actor.account,
    )

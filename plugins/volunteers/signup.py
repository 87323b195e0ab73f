"""Signing up for a slot, the waiting list, cancellation and the organiser's decisions.

The capacity guarantee is in the database, on both engines: a place is taken by

    UPDATE volunteers_slot SET taken = taken + 1 WHERE id = :slot AND taken < capacity

in the same transaction as the participation's insert, and ``CHECK (taken <= capacity)`` backs
it. Every operation on a slot first locks its row (``SELECT ... FOR UPDATE`` on PostgreSQL;
SQLite writers already hold the database lock from ``BEGIN IMMEDIATE``), so sign-ups,
cancellations and promotions of one slot happen one after the other: with 5N concurrent
sign-ups for N places, exactly N are confirmed and the rest wait in arrival order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Account, Refused, _, local, rows_affected, utcnow
from parvis.api.content import ContentRef
from parvis.api.notifications import APPLIED, follow
from parvis.plugins.volunteers import notify
from parvis.plugins.volunteers.content import MISSION as MISSION_KIND
from parvis.plugins.volunteers.models import (
    Mission,
    MissionKind,
    NoticeKind,
    Participation,
    ParticipationStatus,
    Slot,
)

if TYPE_CHECKING:
    from parvis.api import Site

ACTIVE = (ParticipationStatus.CONFIRMED, ParticipationStatus.WAITLISTED)


class SignupError(Refused):
    """A sign-up or cancellation that cannot be done; the message is translated for the visitor."""


@dataclass(frozen=True, slots=True)
class Joined:
    participation: Participation
    position: int | None  # place on the waiting list (1 = next), None when confirmed


def lock_slot(db: Session, slot_id: int) -> Slot | None:
    return db.execute(
        select(Slot).where(Slot.id == slot_id).with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()


def _change_taken(db: Session, slot: Slot, delta: int) -> None:
    db.execute(
        update(Slot)
        .where(Slot.id == slot.id)
        .values(taken=Slot.taken + delta)
        .execution_options(synchronize_session=False)
    )
    _change_mission_total(db, slot.mission_id, delta)


def _change_mission_total(db: Session, mission_id: int, delta: int) -> None:
    db.execute(
        update(Mission)
        .where(Mission.id == mission_id)
        .values(taken_total=Mission.taken_total + delta)
        .execution_options(synchronize_session=False)
    )


def check_eligible(mission: Mission, slot: Slot, account: Account, now: datetime) -> None:
    if not mission.is_open:
        raise SignupError(_("This mission is not open for sign-up."))
    if slot.ends_at <= now or (slot.starts_at <= now and mission.kind != MissionKind.REMOTE):
        raise SignupError(_("This date has passed."))
    if mission.min_age:
        person = account.person
        age = person.age_on(local(slot.starts_at).date()) if person else None
        if age is None:
            raise SignupError(
                _(
                    "This mission is open from the age of {age}: "
                    "add your date of birth to your account first."
                ).format(age=mission.min_age)
            )
        if age < mission.min_age:
            raise SignupError(_("This mission is open from the age of {age}.").format(age=mission.min_age))


def join(db: Session, site: Site, slot_id: int, account: Account, now: datetime | None = None) -> Joined:
    """Take a place in the slot, or a place on its waiting list when it is full. Flushes, does not commit."""
    now = now or utcnow()
    slot = lock_slot(db, slot_id)
    if slot is None:
        raise SignupError(_("This date does not exist any more."))
    mission = db.get(Mission, slot.mission_id)
    assert mission is not None
    check_eligible(mission, slot, account, now)
    already = db.scalar(
        select(Participation.id).where(
            Participation.slot_id == slot.id,
            Participation.account_id == account.id,
            Participation.status.in_(ACTIVE),
        )
    )
    if already:
        raise SignupError(_("You are already signed up for this date."))
    took = (
        rows_affected(
            db.execute(
                update(Slot)
                .where(Slot.id == slot.id, Slot.taken < Slot.capacity)
                .values(taken=Slot.taken + 1)
                .execution_options(synchronize_session=False)
            )
        )
        == 1
    )
    status = ParticipationStatus.CONFIRMED if took else ParticipationStatus.WAITLISTED
    participation = Participation(slot_id=slot.id, account_id=account.id, status=status)
    db.add(participation)
    if took:
        _change_mission_total(db, mission.id, 1)
    try:
        db.flush()
    except IntegrityError:  # signed up at the same moment in another request: this one rolls back
        raise SignupError(_("You are already signed up for this date.")) from None
    follow(db, account, ContentRef(MISSION_KIND, mission.public_id), reason=APPLIED)
    if took:
        notify.capacity_alerts(db, site, slot.id)
        return Joined(participation, None)
    return Joined(participation, waiting_position(db, participation))


def waiting_position(db: Session, participation: Participation) -> int:
    ahead = db.scalar(
        select(func.count()).where(
            Participation.slot_id == participation.slot_id,
            Participation.status == ParticipationStatus.WAITLISTED,
            Participation.id < participation.id,
        )
    )
    return int(ahead or 0) + 1


def _locked_participation(db: Session, participation_id: int) -> tuple[Participation, Slot]:
    participation = db.get(Participation, participation_id)
    if participation is None:
        raise SignupError(_("This sign-up does not exist."))
    slot = lock_slot(db, participation.slot_id)
    assert slot is not None
    db.refresh(participation)  # its status may have changed while we waited for the lock
    if participation.status not in ACTIVE:
        raise SignupError(_("This sign-up was already cancelled."))
    return participation, slot


def _release(db: Session, site: Site, slot: Slot, now: datetime) -> Participation | None:
    """A confirmed place is free: give it to the first on the waiting list, else free it."""
    waiting = db.scalar(
        select(Participation)
        .where(Participation.slot_id == slot.id, Participation.status == ParticipationStatus.WAITLISTED)
        .order_by(Participation.id)
        .limit(1)
    )
    if waiting is None:
        _change_taken(db, slot, -1)
        return None
    waiting.status = ParticipationStatus.CONFIRMED
    waiting.promoted_at = now
    db.flush()
    notify.participation_notice(db, site, waiting, NoticeKind.PROMOTED)
    return waiting


def cancel(
    db: Session, site: Site, participation_id: int, now: datetime | None = None
) -> Participation | None:
    """The volunteer cancels; returns whoever was promoted from the waiting list in their place."""
    now = now or utcnow()
    participation, slot = _locked_participation(db, participation_id)
    was_confirmed = participation.status == ParticipationStatus.CONFIRMED
    participation.status = ParticipationStatus.CANCELLED
    participation.ended_at = now
    db.flush()
    return _release(db, site, slot, now) if was_confirmed else None


def decline(
    db: Session, site: Site, participation_id: int, now: datetime | None = None
) -> Participation | None:
    """The organiser declines a volunteer (confirmed or waiting); the place goes to the next one."""
    now = now or utcnow()
    participation, slot = _locked_participation(db, participation_id)
    was_confirmed = participation.status == ParticipationStatus.CONFIRMED
    participation.status = ParticipationStatus.DECLINED
    participation.ended_at = now
    db.flush()
    notify.participation_notice(db, site, participation, NoticeKind.DECLINED)
    return _release(db, site, slot, now) if was_confirmed else None


def validate(db: Session, site: Site, participation_id: int, now: datetime | None = None) -> None:
    """The organiser accepts a confirmed volunteer (they are told on their page and by e-mail)."""
    participation = db.get(Participation, participation_id)
    if participation is None or participation.status != ParticipationStatus.CONFIRMED:
        raise SignupError(_("Only confirmed volunteers can be validated."))
    if participation.validated_at is None:
        participation.validated_at = now or utcnow()
        notify.participation_notice(db, site, participation, NoticeKind.VALIDATED)


def fill_from_waitlist(
    db: Session, site: Site, slot_id: int, now: datetime | None = None
) -> list[Participation]:
    """After places were added to a slot, promote waiting volunteers into them, in order."""
    now = now or utcnow()
    slot = lock_slot(db, slot_id)
    promoted: list[Participation] = []
    if slot is None:
        return promoted
    waiting = db.scalars(
        select(Participation)
        .where(Participation.slot_id == slot.id, Participation.status == ParticipationStatus.WAITLISTED)
        .order_by(Participation.id)
        .limit(max(0, slot.capacity - slot.taken))
    ).all()
    for participation in waiting:
        _change_taken(db, slot, 1)
        participation.status = ParticipationStatus.CONFIRMED
        participation.promoted_at = now
        db.flush()
        notify.participation_notice(db, site, participation, NoticeKind.PROMOTED)
        promoted.append(participation)
    return promoted

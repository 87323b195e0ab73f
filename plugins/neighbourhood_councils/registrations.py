"""Registration and attendance for a council's meetings and a Beautify programme's walks and
workshops: one mechanism for both (a ``CouncilMeeting`` owned by a council or by a programme).

A signed-in resident registers (within the capacity, if any) and cancels before it starts; the
officials of the owner's district see the registrants and, once it has begun, record who came
(present or absent) and the walk-ins by name. The public sees counts, never names. The capacity
holds under concurrency: the meeting's row is locked (PostgreSQL) or the write transaction is
serialised (SQLite) before counting; the unique (meeting, person) pair refuses a double
registration. Nothing here commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Account, Person, Refused, Site, _, send_mail_template
from parvis.plugins.neighbourhood_councils.models import (
    Council,
    CouncilMeeting,
    Programme,
    Registration,
)

WALK_IN_NAME_MAX = 200


class MeetingFull(Refused):
    pass


@dataclass(frozen=True, slots=True)
class Attendance:
    """What the public sees of a meeting's attendance: counts only."""

    present: int
    walk_ins: int

    @property
    def total(self) -> int:
        return self.present + self.walk_ins


def owner_of(db: Session, meeting: CouncilMeeting) -> Council | Programme:
    """The council or the programme the meeting belongs to (its district is the owner's)."""
    owner = (
        db.get(Council, meeting.council_id)
        if meeting.council_id is not None
        else db.get(Programme, meeting.programme_id)
    )
    assert owner is not None  # a database constraint: exactly one owner
    return owner


def owner_path(owner: Council | Programme) -> str:
    """The owner's public page."""
    if isinstance(owner, Council):
        return f"/neighbourhood-councils/{owner.slug}"
    return f"/beautify/{owner.slug}"


def registered_count(db: Session, meeting: CouncilMeeting) -> int:
    query = select(func.count()).where(
        Registration.meeting_id == meeting.id, Registration.person_id.is_not(None)
    )
    return int(db.scalar(query) or 0)


def places_left(db: Session, meeting: CouncilMeeting) -> int | None:
    """Places still free; None when the meeting has no capacity."""
    if meeting.capacity is None:
        return None
    return max(0, meeting.capacity - registered_count(db, meeting))


def registration_of(db: Session, meeting: CouncilMeeting, person_id: int | None) -> Registration | None:
    if person_id is None:
        return None
    return db.scalar(
        select(Registration).where(Registration.meeting_id == meeting.id, Registration.person_id == person_id)
    )


def register(
    db: Session, site: Site, meeting: CouncilMeeting, person: Person, *, account: Account | None = None
) -> Registration:
    """Take a place for ``person``; ``account`` gets a confirmation by e-mail."""
    if meeting.starts_at <= site.now():
        raise Refused(_("This meeting has already started: registrations are closed."))
    db.execute(select(CouncilMeeting.id).where(CouncilMeeting.id == meeting.id).with_for_update())
    if registration_of(db, meeting, person.id) is not None:
        raise Refused(_("You are already registered for this meeting."))
    if meeting.capacity is not None and registered_count(db, meeting) >= meeting.capacity:
        raise MeetingFull(_("This meeting is full: every place is taken."))
    registration = Registration(meeting_id=meeting.id, person_id=person.id, registered_at=site.now())
    try:
        with db.begin_nested():
            db.add(registration)
    except IntegrityError:
        raise Refused(_("You are already registered for this meeting.")) from None
    if account is not None:
        owner = owner_of(db, meeting)
        send_mail_template(
            db,
            site,
            account,
            "neighbourhood_councils/mail/registered",
            meeting=meeting,
            owner_name=owner.name if isinstance(owner, Council) else owner.title,
            path=meeting_path(meeting),
        )
    return registration


def cancel(db: Session, site: Site, meeting: CouncilMeeting, person_id: int | None) -> None:
    """Give the place back (before the meeting starts)."""
    registration = registration_of(db, meeting, person_id)
    if registration is None:
        raise Refused(_("You are not registered for this meeting."))
    if meeting.starts_at <= site.now():
        raise Refused(_("This meeting has already started: registrations can no longer be cancelled."))
    db.delete(registration)
    db.flush()


def meeting_path(meeting: CouncilMeeting) -> str:
    return f"/neighbourhood-councils/meetings/{meeting.public_id}"


def registrants(db: Session, meeting: CouncilMeeting) -> list[tuple[Registration, Person]]:
    """The registered residents, first come first."""
    return [
        (registration, person)
        for registration, person in db.execute(
            select(Registration, Person)
            .join(Person, Person.id == Registration.person_id)
            .where(Registration.meeting_id == meeting.id)
            .order_by(Registration.registered_at, Registration.id)
        ).all()
    ]


def walk_ins(db: Session, meeting: CouncilMeeting) -> list[str]:
    return list(
        db.scalars(
            select(Registration.name)
            .where(Registration.meeting_id == meeting.id, Registration.person_id.is_(None))
            .order_by(Registration.id)
        )
    )


def record_attendance(
    db: Session, site: Site, meeting: CouncilMeeting, present: set[int], walk_in_names: list[str]
) -> Attendance:
    """Who came: ``present`` holds the ids of the registrations present (the others are absent);
    ``walk_in_names`` replaces the walk-ins recorded before. Recording again corrects it."""
    if meeting.starts_at > site.now():
        raise Refused(_("Attendance is recorded once the meeting has begun."))
    people = registrants(db, meeting)
    known = {registration.id for registration, _person in people}
    if present - known:
        raise Refused(_("Choose among the options shown."), field="present")
    names = list(dict.fromkeys(n.strip()[:WALK_IN_NAME_MAX] for n in walk_in_names if n.strip()))
    for registration, _person in people:
        registration.present = registration.id in present
    db.execute(
        delete(Registration).where(Registration.meeting_id == meeting.id, Registration.person_id.is_(None))
    )
    now = site.now()
    db.add_all(
        Registration(meeting_id=meeting.id, person_id=None, name=name, registered_at=now, present=True)
        for name in names
    )
    meeting.present_count = len(present)
    meeting.walk_in_count = len(names)
    db.flush()
    return Attendance(len(present), len(names))


def attendance(meeting: CouncilMeeting) -> Attendance | None:
    """The recorded counts, or None before the officials record them."""
    if meeting.present_count is None:
        return None
    return Attendance(meeting.present_count, meeting.walk_in_count or 0)


@dataclass(frozen=True, slots=True)
class MyRegistration:
    registration: Registration
    meeting: CouncilMeeting
    owner: Council | Programme


def of_person(
    db: Session, person_id: int, now: datetime
) -> tuple[list[MyRegistration], list[MyRegistration]]:
    """A resident's registrations: (coming, past), soonest and latest first."""
    rows = db.execute(
        select(Registration, CouncilMeeting)
        .join(CouncilMeeting, CouncilMeeting.id == Registration.meeting_id)
        .where(Registration.person_id == person_id)
        .order_by(CouncilMeeting.starts_at)
    ).all()
    found = [MyRegistration(r, m, owner_of(db, m)) for r, m in rows]
    return [f for f in found if f.meeting.ends_at >= now], [
        f for f in reversed(found) if f.meeting.ends_at < now
    ]

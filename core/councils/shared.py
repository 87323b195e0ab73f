"""Spaces open to every participatory council: a body's group whose sessions the active members
of any other body may see and attend (since 2024, the Citizens' Assembly's Monitoring and
Questioning space is open to the members of all the City's participatory councils).

The owning plugin opens its group with ``open_to_all_councils``; core lists the sessions to those
members, shows them the details and lets the host body's officials record their attendance.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from parvis.bodies.models import (
    Attendance,
    AttendanceStatus,
    Body,
    Group,
    Meeting,
    Membership,
    MembershipStatus,
    Term,
)
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import SharedSpace
from parvis.formatting import local
from parvis.i18n import _


def open_to_all_councils(db: Session, group: Group) -> SharedSpace:
    """Open ``group`` to the members of every body (idempotent)."""
    found = db.get(SharedSpace, group.id)
    if found is None:
        found = SharedSpace(group_id=group.id)
        db.add(found)
        db.flush()
    return found


def close_to_councils(db: Session, group: Group) -> None:
    found = db.get(SharedSpace, group.id)
    if found is not None:
        db.delete(found)
        db.flush()


def is_shared(db: Session, group_id: int | None) -> bool:
    return group_id is not None and db.get(SharedSpace, group_id) is not None


def bodies_of(db: Session, person_id: int | None, day: date) -> set[int]:
    """The active bodies ``person_id`` sits on as an active member on ``day``."""
    if person_id is None:
        return set()
    return set(
        db.scalars(
            select(Membership.body_id)
            .join(Term, Term.id == Membership.term_id)
            .join(Body, Body.id == Membership.body_id)
            .where(
                Membership.person_id == person_id,
                Membership.status == MembershipStatus.ACTIVE,
                Body.active,
                Term.starts_on <= day,
                Term.ends_on >= day,
                or_(Membership.ends_on.is_(None), Membership.ends_on >= day),
            )
        )
    )


def may_attend(db: Session, person_id: int | None, meeting: Meeting) -> bool:
    """A member of some body may attend a session of a shared space (its own body's included)."""
    day = local(meeting.starts_at).date()
    return is_shared(db, meeting.group_id) and bool(bodies_of(db, person_id, day))


def sessions(db: Session, person_id: int | None, *, after: datetime, today: date) -> list[Meeting]:
    """Upcoming sessions of shared spaces of other bodies that ``person_id`` may attend."""
    own = bodies_of(db, person_id, today)
    if not own:
        return []
    query = (
        select(Meeting)
        .options(joinedload(Meeting.body), joinedload(Meeting.group))
        .join(SharedSpace, SharedSpace.group_id == Meeting.group_id)
        .join(Body, Body.id == Meeting.body_id)
        .where(Meeting.ends_at >= after, Body.active, Meeting.body_id.not_in(own))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(db.scalars(query))


def session_by_public_id(db: Session, public_id: str) -> Meeting | None:
    return db.scalar(
        select(Meeting)
        .join(SharedSpace, SharedSpace.group_id == Meeting.group_id)
        .where(Meeting.public_id == public_id[:24])
    )


def record_guest_attendance(
    db: Session, meeting: Meeting, person_id: int, status: AttendanceStatus | str
) -> Attendance:
    """Record that a member of another body came (or not) to a shared session.

    Core's attendance sheet lists the host body's members; once recorded here, a guest also
    appears on it (it keeps everyone already recorded).
    """
    if not may_attend(db, person_id, meeting):
        raise CouncilRefused(
            _("This person is not a member of a participatory body on the day of the session.")
        )
    try:
        status = AttendanceStatus(status)
    except ValueError:
        raise CouncilRefused(_("Choose among the options shown."), status_code=400) from None
    found = db.scalar(
        select(Attendance).where(Attendance.meeting_id == meeting.id, Attendance.person_id == person_id)
    )
    if found is None:
        found = Attendance(meeting_id=meeting.id, person_id=person_id, status=status)
        db.add(found)
    else:
        found.status = status
    db.flush()
    return found

"""Groups and meetings of a body, and the attendance recorded at each meeting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, joinedload

from parvis.bodies.kinds import kind_of
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
from parvis.db import utcnow
from parvis.formatting import local
from parvis.i18n import _
from parvis.identity import Person

if TYPE_CHECKING:
    from parvis.site import Site

from parvis.bodies.services.common import BodyError, _required, unique_slug


def _check_kind_code(code: str, choices: Sequence[tuple[str, str]], field: str) -> str:
    if code not in {value for value, _label in choices}:
        raise BodyError(_("Choose among the options shown."), field)
    return code


def add_group(
    db: Session,
    site: Site,
    body: Body,
    *,
    name: str,
    kind: str = "workshop",
    description: str = "",
    open_to_all_members: bool = False,
    term: Term | None = None,
) -> Group:
    """A workshop or working group of the body (kinds are the body kind's group kinds)."""
    name = _required(name, "name")
    kind = _check_kind_code(kind, kind_of(site, body.kind).group_kind_choices(), "kind")
    group = Group(
        body_id=body.id,
        term_id=term.id if term else None,
        slug=unique_slug(db, Group.slug, name, Group.body_id == body.id, fallback="group"),
        kind=kind,
        name=name,
        description=(description or "").strip(),
        open_to_all_members=open_to_all_members,
    )
    db.add(group)
    db.flush()
    return group


def update_group(
    db: Session,
    site: Site,
    group: Group,
    *,
    name: str,
    kind: str,
    description: str = "",
    open_to_all_members: bool = False,
) -> Group:
    group.name = _required(name, "name")
    group.kind = _check_kind_code(kind, kind_of(site, group.body.kind).group_kind_choices(), "kind")
    group.description = (description or "").strip()
    group.open_to_all_members = open_to_all_members
    db.flush()
    return group


def delete_group(db: Session, group: Group) -> None:
    """Remove a group; its meetings stay, without a group."""
    db.delete(group)
    db.flush()


def _check_meeting(
    site: Site,
    body: Body,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: str,
    group: Group | None,
) -> tuple[str, str]:
    title = _required(title, "title")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("meeting times must be timezone-aware")
    if ends_at <= starts_at:
        raise BodyError(_("The end must be after the start."), "ends_at")
    kind = _check_kind_code(kind, kind_of(site, body.kind).meeting_kind_choices(), "kind")
    if group is not None and group.body_id != body.id:
        raise BodyError(_("Choose among the options shown."), "group")
    return title, kind


def add_meeting(
    db: Session,
    site: Site,
    body: Body,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: str = "meeting",
    group: Group | None = None,
    place: str = "",
    agenda: str = "",
    public: bool = False,
) -> Meeting:
    """A meeting; times are aware datetimes (stored in UTC), the end after the start."""
    title, kind = _check_meeting(
        site, body, title=title, starts_at=starts_at, ends_at=ends_at, kind=kind, group=group
    )
    meeting = Meeting(
        body_id=body.id,
        body=body,
        group=group,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=(place or "").strip(),
        agenda=(agenda or "").strip(),
        public=public,
    )
    db.add(meeting)
    db.flush()
    return meeting


def update_meeting(
    db: Session,
    site: Site,
    meeting: Meeting,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: str,
    group: Group | None = None,
    place: str = "",
    agenda: str = "",
    public: bool = False,
) -> Meeting:
    title, kind = _check_meeting(
        site, meeting.body, title=title, starts_at=starts_at, ends_at=ends_at, kind=kind, group=group
    )
    meeting.title, meeting.kind, meeting.group = title, kind, group
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.agenda, meeting.public = (place or "").strip(), (agenda or "").strip(), public
    db.flush()
    return meeting


def delete_meeting(db: Session, meeting: Meeting) -> None:
    db.delete(meeting)
    db.flush()


def meetings(
    db: Session,
    body: Body,
    *,
    include_private: bool = False,
    after: datetime | None = None,
    before: datetime | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[Meeting]:
    """A body's meetings in time order; ``after`` keeps those not yet ended."""
    query = select(Meeting).options(joinedload(Meeting.group)).where(Meeting.body_id == body.id)
    if not include_private:
        query = query.where(Meeting.public)
    if after is not None:
        query = query.where(Meeting.ends_at >= after)
    if before is not None:
        query = query.where(Meeting.starts_at < before)
    order = Meeting.starts_at.desc() if newest_first else Meeting.starts_at
    query = query.order_by(order, Meeting.id)
    if limit is not None:
        query = query.limit(limit)
    return list(db.scalars(query))


def upcoming_meetings(
    db: Session, body: Body, *, include_private: bool = False, limit: int | None = 10
) -> list[Meeting]:
    return meetings(db, body, include_private=include_private, after=utcnow(), limit=limit)


def expected_attendees(db: Session, meeting: Meeting) -> list[Membership]:
    """Active members of the meeting's body on its day (every running term), one row per person."""
    day = local(meeting.starts_at).date()
    rows = db.scalars(
        select(Membership)
        .join(Term, Term.id == Membership.term_id)
        .join(Person, Person.id == Membership.person_id)
        .options(joinedload(Membership.person), joinedload(Membership.college), joinedload(Membership.term))
        .where(
            Membership.body_id == meeting.body_id,
            Membership.status == MembershipStatus.ACTIVE,
            Term.starts_on <= day,
            Term.ends_on >= day,
            or_(Membership.starts_on.is_(None), Membership.starts_on <= day),
            or_(Membership.ends_on.is_(None), Membership.ends_on >= day),
        )
        .order_by(Person.family_name, Person.given_name, Person.id, Term.starts_on.desc())
    ).unique()
    seen: set[int] = set()
    result = []
    for membership in rows:
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            result.append(membership)
    return result


def attendance_of(db: Session, meeting: Meeting) -> dict[int, AttendanceStatus]:
    """{person id: status} recorded for a meeting."""
    rows = db.execute(
        select(Attendance.person_id, Attendance.status).where(Attendance.meeting_id == meeting.id)
    )
    return dict(rows.all())  # a Result has keys(): dict() needs its list of rows


def record_attendance(
    db: Session, meeting: Meeting, statuses: Mapping[int, AttendanceStatus | str | None]
) -> None:
    """Save the attendance of several people at once ({person id: status}; None forgets a record).

    Only the meeting's expected attendees (and people already recorded) may be listed.
    """
    allowed = {m.person_id for m in expected_attendees(db, meeting)} | set(attendance_of(db, meeting))
    cleaned: dict[int, AttendanceStatus | None] = {}
    for person_id, status in statuses.items():
        if person_id not in allowed:
            raise BodyError(_("This person is not a member of the body on the day of the meeting."))
        try:
            cleaned[person_id] = AttendanceStatus(status) if status else None
        except ValueError:
            raise BodyError(_("Choose among the options shown.")) from None
    recorded = db.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    existing = {a.person_id: a for a in recorded}
    forget = [pid for pid, status in cleaned.items() if status is None and pid in existing]
    if forget:
        db.execute(
            delete(Attendance).where(Attendance.meeting_id == meeting.id, Attendance.person_id.in_(forget))
        )
    for person_id, status in cleaned.items():
        if status is None:
            continue
        if person_id in existing:
            existing[person_id].status = status
        else:
            db.add(Attendance(meeting_id=meeting.id, person_id=person_id, status=status))
    db.flush()
    db.expire(meeting, ["attendance"])

"""Hearings: core meetings of kind "hearing" where a council hears invited stakeholders.

The meeting keeps the date, place, agenda and minutes (core's bodies services create it); this
module adds the guests, each with the organisation they speak for and the topic they speak on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.bodies import services as bodies
from parvis.bodies.models import Body, Meeting
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import HearingGuest
from parvis.i18n import _
from parvis.site import Site

HEARING = "hearing"


def hearings(
    db: Session,
    body: Body,
    *,
    include_private: bool = False,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Meeting]:
    """A body's hearings, the latest first (those starting in [start, end) if given)."""
    found = bodies.meetings(db, body, include_private=include_private, before=end, newest_first=True)
    return [m for m in found if m.kind == HEARING and (start is None or m.starts_at >= start)]


def hearing_by_public_id(db: Session, body: Body, public_id: str) -> Meeting | None:
    return db.scalar(
        select(Meeting).where(
            Meeting.public_id == public_id[:24], Meeting.body_id == body.id, Meeting.kind == HEARING
        )
    )


def guests_of(db: Session, meetings: Iterable[Meeting]) -> dict[int, list[HearingGuest]]:
    """{meeting id: its guests in speaking order}."""
    ids = [m.id for m in meetings]
    found: dict[int, list[HearingGuest]] = {i: [] for i in ids}
    if ids:
        query = select(HearingGuest).where(HearingGuest.meeting_id.in_(ids))
        for guest in db.scalars(query.order_by(HearingGuest.position, HearingGuest.id)):
            found[guest.meeting_id].append(guest)
    return found


def add_hearing(
    db: Session,
    site: Site,
    body: Body,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    agenda: str = "",
    public: bool = True,
    guests: Sequence[tuple[str, str, str]] = (),
) -> Meeting:
    """A hearing with its guests as (name, organisation, topic); BodyError on a bad meeting."""
    meeting = bodies.add_meeting(
        db,
        site,
        body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=HEARING,
        place=place,
        agenda=agenda,
        public=public,
    )
    for name, organisation, topic in guests:
        add_guest(db, meeting, name=name, organisation=organisation, topic=topic)
    return meeting


def add_guest(
    db: Session, meeting: Meeting, *, name: str, organisation: str = "", topic: str = ""
) -> HearingGuest:
    name = (name or "").strip()
    if not name:
        raise CouncilRefused(_("This field is required."), "name", status_code=400)
    last = db.scalar(select(func.max(HearingGuest.position)).where(HearingGuest.meeting_id == meeting.id))
    guest = HearingGuest(
        meeting_id=meeting.id,
        name=name[:200],
        organisation=(organisation or "").strip()[:200],
        topic=(topic or "").strip()[:300],
        position=(last or 0) + 1,
    )
    db.add(guest)
    db.flush()
    return guest


def remove_guest(db: Session, guest: HearingGuest) -> None:
    db.delete(guest)
    db.flush()


def record_minutes(db: Session, meeting: Meeting, minutes: str) -> None:
    """The hearing's minutes, published with it (a public hearing's minutes are public)."""
    meeting.minutes = (minutes or "").strip()
    db.flush()

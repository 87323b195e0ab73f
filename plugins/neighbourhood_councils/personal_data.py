"""What the plugin holds about people, for core's privacy hooks: memberships (with the charter
signed and the link declared with the district), contributions to Beautify programmes, and
registrations for meetings, walks and workshops (with attendance, and walk-ins' names).

Erasure deletes memberships, registrations (the meetings' attendance counts stay) and the
contributions moderation keeps from the public (core's ``parvis.api.moderation``); published
contributions stay on the public map without any link to their author (what the programme's
diagnostic was built on).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.api import (
    N_,
    DataService,
    ExportColumn,
    ExportSection,
    Kept,
    Person,
    PersonalData,
    Retention,
    _,
    anonymise,
    export_table,
    hookimpl,
    joined,
    lazy_gettext,
    retention_span,
    rows_affected,
)
from parvis.api.content import ContentRef
from parvis.api.moderation import hidden_keys
from parvis.api.photos import first_photos, remove_photos
from parvis.plugins.neighbourhood_councils.content import CONTRIBUTION
from parvis.plugins.neighbourhood_councils.models import (
    Contribution,
    Council,
    CouncilCollege,
    CouncilMeeting,
    Member,
    Programme,
    Registration,
)

DISTRICT_OFFICIALS = lazy_gettext("The officials of {site.district:the}")
COUNCILS = DataService(lazy_gettext("Neighbourhood councils"), recipients=(DISTRICT_OFFICIALS,))
LEFT_KEPT_MONTHS = 12
REGISTRATIONS_KEPT_MONTHS = 12  # after the meeting


@hookimpl(specname="register_personal_data")
def declarations() -> list[PersonalData]:
    return [
        COUNCILS.holds(
            code="neighbourhood_councils.members",
            title=lazy_gettext("Membership of neighbourhood councils"),
            categories=(
                lazy_gettext("the councils you joined and left, and when"),
                lazy_gettext("your link with {site.district:the} and the version of the charter you signed"),
                lazy_gettext("whether you are in a council's animation group"),
                lazy_gettext("the college you joined and your seat in it (drawn by lot, in the reserve)"),
            ),
            purpose=lazy_gettext("To run open neighbourhood councils and count their members."),
            retention=Retention(N_("you leave the council"), months=LEFT_KEPT_MONTHS),
            tables=("neighbourhood_councils_member",),
        ),
        COUNCILS.holds(
            code="neighbourhood_councils.contributions",
            title=lazy_gettext("Contributions to Beautify your neighbourhood"),
            categories=(
                lazy_gettext("the places you pointed out, their category and your description"),
                lazy_gettext("the photos you attached and their description"),
            ),
            purpose=lazy_gettext("To build a neighbourhood's diagnostic and its programme of works."),
            retention=Retention(N_("your account is deleted")),
            recipients=(
                DISTRICT_OFFICIALS,
                lazy_gettext("The public, once a contribution is published (without your name)"),
            ),
            tables=("neighbourhood_councils_contribution", "core_photo"),
        ),
        COUNCILS.holds(
            code="neighbourhood_councils.registrations",
            title=lazy_gettext("Registrations for meetings, walks and workshops"),
            categories=(
                lazy_gettext("the meetings, diagnostic walks and workshops you registered for, and when"),
                lazy_gettext("whether you attended"),
                lazy_gettext(
                    "the names of people who came without registering, as the officials recorded them"
                ),
            ),
            purpose=lazy_gettext(
                "To welcome participants within the places available and count the attendance."
            ),
            retention=Retention(N_("the meeting"), months=REGISTRATIONS_KEPT_MONTHS),
            tables=("neighbourhood_councils_registration",),
        ),
    ]


@hookimpl(specname="export_personal_data")
def export(db: Session, person: Person | None) -> list[ExportSection | None]:
    if person is None:
        return []
    members = joined(
        db.execute(
            select(Member, Council.name.label("council"))
            .join(Council, Council.id == Member.council_id)
            .where(Member.person_id == person.id)
        )
    )
    contributions = joined(
        db.execute(
            select(Contribution, Programme.title.label("programme"))
            .join(Programme, Programme.id == Contribution.programme_id)
            .where(Contribution.person_id == person.id)
        )
    )
    hidden = hidden_keys(db, CONTRIBUTION, [c.public_id for c in contributions])
    photos = first_photos(db, CONTRIBUTION, [c.public_id for c in contributions])
    college_ids = {m.college_id for m in members if m.college_id is not None}
    named = select(CouncilCollege.id, CouncilCollege.name).where(CouncilCollege.id.in_(college_ids))
    college_names = {row.id: row.name for row in db.execute(named)}
    registrations = db.execute(
        select(
            CouncilMeeting.title.label("meeting"),
            CouncilMeeting.starts_at,
            Registration.registered_at,
            Registration.present,
        )
        .join(CouncilMeeting, CouncilMeeting.id == Registration.meeting_id)
        .where(Registration.person_id == person.id)
        .order_by(CouncilMeeting.starts_at)
    )
    attendance = {None: "", True: _("present"), False: _("absent")}
    return [
        export_table(
            "neighbourhood_councils.members",
            _("Membership of neighbourhood councils"),
            [
                ExportColumn("council", _("Council")),
                ExportColumn("link", _("Link with {site.district:the}"), lambda m: _(m.link.label)),
                ExportColumn("charter", _("Charter version signed"), lambda m: m.charter.version),
                ExportColumn("joined_at", _("Joined")),
                ExportColumn("left_at", _("Left")),
                ExportColumn("animator", _("Animation group")),
                ExportColumn(
                    "college",
                    _("College"),
                    lambda m: college_names.get(m.college_id, "") if m.college_id else "",
                ),
                ExportColumn("seat", _("Seat"), lambda m: _(m.seat.label) if m.seat else ""),
            ],
            members,
        ),
        export_table(
            "neighbourhood_councils.contributions",
            _("Contributions to Beautify your neighbourhood"),
            [
                ExportColumn("programme", _("Programme")),
                ExportColumn("category", _("Category"), lambda c: _(c.category.label)),
                ExportColumn("place", _("Place")),
                ExportColumn("description", _("Description")),
                ExportColumn(
                    "photo", _("Photo"), lambda c: photos[c.public_id].alt if c.public_id in photos else ""
                ),
                ExportColumn(
                    "status",
                    _("Status"),
                    lambda c: _("Not published") if c.public_id in hidden else _("Published"),
                ),
                ExportColumn("created_at", _("Sent")),
            ],
            contributions,
        ),
        export_table(
            "neighbourhood_councils.registrations",
            _("Registrations for meetings, walks and workshops"),
            [
                ExportColumn("meeting", _("Meeting")),
                ExportColumn("starts_at", _("Starts at")),
                ExportColumn("registered_at", _("Registered on")),
                ExportColumn("attendance", _("Attendance"), lambda r: attendance[r.present]),
            ],
            registrations,
        ),
    ]


def _split(db: Session, person: Person) -> tuple[list[int], list[int]]:
    """The person's contributions: (published ids, ids moderation keeps from the public)."""
    rows = db.execute(
        select(Contribution.id, Contribution.public_id).where(Contribution.person_id == person.id)
    ).all()
    hidden = hidden_keys(db, CONTRIBUTION, [key for _id, key in rows])
    return [i for i, key in rows if key not in hidden], [i for i, key in rows if key in hidden]


def _published(db: Session, person: Person) -> int:
    return len(_split(db, person)[0])


@hookimpl(specname="personal_data_kept")
def kept(db: Session, person: Person | None) -> list[Kept]:
    if person is None or not _published(db, person):
        return []
    return [
        Kept(
            _("Your published contributions to Beautify your neighbourhood"),
            _(
                "They are part of a neighbourhood's public diagnostic; they stay without your name "
                "and without their photo."
            ),
        )
    ]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, person: Person | None) -> list[Kept]:
    if person is None:
        return []
    result = kept(db, person)
    db.execute(delete(Member).where(Member.person_id == person.id))
    # Photos may show people and places of their life: none stays, even on a published contribution.
    mine = db.scalars(select(Contribution.public_id).where(Contribution.person_id == person.id))
    remove_photos(db, [ContentRef(CONTRIBUTION, key) for key in mine])
    db.execute(delete(Registration).where(Registration.person_id == person.id))
    unpublished = _split(db, person)[1]
    if unpublished:
        db.execute(delete(Contribution).where(Contribution.id.in_(unpublished)))
    anonymise(db, Contribution.person_id, person.id)
    return result


@hookimpl(specname="purge_personal_data")
def purge(db: Session, now: datetime) -> dict[str, int]:
    """Memberships ended more than ``LEFT_KEPT_MONTHS`` ago, and registrations (walk-ins
    included) for meetings ended more than ``REGISTRATIONS_KEPT_MONTHS`` ago: their attendance
    counts stay on the meetings."""
    limit = now - retention_span(months=LEFT_KEPT_MONTHS)
    gone = db.execute(delete(Member).where(Member.left_at.is_not(None), Member.left_at < limit))
    over = now - retention_span(months=REGISTRATIONS_KEPT_MONTHS)
    old_meetings = select(CouncilMeeting.id).where(CouncilMeeting.ends_at < over)
    purged = db.execute(delete(Registration).where(Registration.meeting_id.in_(old_meetings)))
    return {
        "neighbourhood_councils.members": rows_affected(gone),
        "neighbourhood_councils.registrations": rows_affected(purged),
    }


__all__ = ["declarations", "erase", "export", "kept", "purge"]

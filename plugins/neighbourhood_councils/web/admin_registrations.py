"""Registrations and attendance in the back office, for a council's meetings and a programme's
walks and workshops alike: the list of registrants (and its CSV export, audited), attendance
(present or absent per registrant, walk-ins by name), and announcing a walk or a workshop.
Every route checks the owner (council or programme) against the official's districts first."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    _,
    audit,
    csv_response,
    csv_text,
    format_datetime,
    lazy_gettext,
    on_refusal,
    page,
    redirect,
    state_of,
)
from parvis.plugins.neighbourhood_councils import registrations
from parvis.plugins.neighbourhood_councils.models import (
    PROGRAMME_MEETING_KINDS,
    Council,
    CouncilMeeting,
    MeetingKind,
    Programme,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    PROGRAMME_TEMPLATE,
    PROGRAMMES,
    meeting_form,
    programme_context,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    managed_programme,
    not_found,
    owner_name,
)

TEMPLATE = "neighbourhood_councils/admin_registrations.html"


def attendance_form(people: list[tuple[Any, Any]]) -> Form:
    return Form(
        Field(
            "present",
            lazy_gettext("Present"),
            kind="checkboxes",
            required=False,
            choices=[(str(r.id), p.full_name) for r, p in people],
        ),
        Field(
            "walk_ins",
            lazy_gettext("Came without registering"),
            kind="textarea",
            required=False,
            max_length=10000,
            help=lazy_gettext("One name a line."),
        ),
    )


def _meeting(db: Session, owner: Council | Programme, public_id: str) -> CouncilMeeting:
    column = CouncilMeeting.council_id if isinstance(owner, Council) else CouncilMeeting.programme_id
    found = db.scalar(
        select(CouncilMeeting).where(CouncilMeeting.public_id == public_id[:24], column == owner.id)
    )
    if found is None:
        raise not_found()
    return found


def _base(owner: Council | Programme) -> str:
    return f"{BASE}/{owner.slug}" if isinstance(owner, Council) else f"{PROGRAMMES}/{owner.slug}"


def _context(
    request: Req, db: DB, owner: Council | Programme, meeting: CouncilMeeting, form: Any = None
) -> dict[str, Any]:
    people = registrations.registrants(db, meeting)
    initial = {
        "present": [str(r.id) for r, _p in people if r.present],
        "walk_ins": "\n".join(registrations.walk_ins(db, meeting)),
    }
    return {
        "title": _("Registrations: {title}").format(title=meeting.title),
        "meeting": meeting,
        "kind_label": _(meeting.kind.label),
        "owner_name": owner_name(request, owner),
        "base": _base(owner),
        "people": people,
        "places_left": registrations.places_left(db, meeting),
        "attendance": registrations.attendance(meeting),
        "form": form or attendance_form(people).bind(initial=initial),
    }


def _list_page(request: Req, db: DB, owner: Council | Programme, meeting: str) -> Template:
    found = _meeting(db, owner, meeting)
    return page(request, TEMPLATE, **_context(request, db, owner, found))


def _export(request: Req, db: DB, owner: Council | Programme, meeting: str) -> Response[Any]:
    found = _meeting(db, owner, meeting)
    people = registrations.registrants(db, found)
    header = [_("Name"), _("E-mail address"), _("Registered on"), _("Attendance")]
    attendance = {None: "", True: _("present"), False: _("absent")}
    rows = [
        [p.full_name, p.email or "", format_datetime(r.registered_at, "short"), attendance[r.present]]
        for r, p in people
    ]
    audit.record_request(
        request, "neighbourhood_councils.registrations.export", target=found, records=len(rows)
    )
    return csv_response(csv_text(header, rows), f"registrations-{found.public_id}.csv")


def _record(request: Req, db: DB, owner: Council | Programme, meeting: str, data: FormData) -> Redirect:
    found = _meeting(db, owner, meeting)
    people = registrations.registrants(db, found)
    form = attendance_form(people).bind(data)
    on_refusal(request, TEMPLATE, **_context(request, db, owner, found, form))
    values = form.require_valid()
    counts = registrations.record_attendance(
        db,
        state_of(request).site,
        found,
        {int(v) for v in values["present"] or []},
        str(values["walk_ins"] or "").splitlines(),
    )
    audit.record_request(
        request,
        "neighbourhood_councils.attendance.record",
        target=found,
        present=counts.present,
        walk_ins=counts.walk_ins,
    )
    return redirect(
        request,
        f"{_base(owner)}/meetings/{found.public_id}/registrations",
        _("The attendance is recorded."),
    )


# -- A council's meetings ----------------------------------------------------------------------


@get(
    BASE + "/{slug:str}/meetings/{meeting:str}/registrations", guards=[GUARD], name="nbhd-admin-registrations"
)
def council_registrations(request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str]) -> Template:
    return _list_page(request, db, managed_council(request, db, slug), meeting)


@get(
    BASE + "/{slug:str}/meetings/{meeting:str}/registrations.csv",
    guards=[GUARD],
    name="nbhd-admin-registrations-csv",
)
def council_registrations_csv(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str]
) -> Response[Any]:
    return _export(request, db, managed_council(request, db, slug), meeting)


@post(BASE + "/{slug:str}/meetings/{meeting:str}/attendance", guards=[GUARD], status_code=303)
def council_attendance(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str], data: FormData
) -> Redirect:
    return _record(request, db, managed_council(request, db, slug), meeting, data)


# -- A programme's walks and workshops ---------------------------------------------------------


def walk_form() -> Form:
    """A council meeting's form, with the programme's kinds."""
    return meeting_form(kinds=PROGRAMME_MEETING_KINDS)


@post(PROGRAMMES + "/{slug:str}/meetings", guards=[GUARD], status_code=303)
def add_walk(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    programme = managed_programme(request, db, slug)
    form = walk_form().bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme, walk_form=form))
    values = form.require_valid()
    if values["ends_at"] <= values["starts_at"]:
        form.add_error("ends_at", _("The end must come after the start."))
        values = form.require_valid()
    walk = CouncilMeeting(
        programme_id=programme.id,
        kind=MeetingKind(values["kind"]),
        title=values["title"],
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        place=values["place"],
        agenda=values["agenda"] or "",
        capacity=values["capacity"],
    )
    db.add(walk)
    db.flush()
    audit.record_request(request, "neighbourhood_councils.meeting.create", target=walk)
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", _("The meeting is announced."))


@get(
    PROGRAMMES + "/{slug:str}/meetings/{meeting:str}/registrations",
    guards=[GUARD],
    name="beautify-admin-registrations",
)
def programme_registrations(request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str]) -> Template:
    return _list_page(request, db, managed_programme(request, db, slug), meeting)


@get(
    PROGRAMMES + "/{slug:str}/meetings/{meeting:str}/registrations.csv",
    guards=[GUARD],
    name="beautify-admin-registrations-csv",
)
def programme_registrations_csv(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str]
) -> Response[Any]:
    return _export(request, db, managed_programme(request, db, slug), meeting)


@post(PROGRAMMES + "/{slug:str}/meetings/{meeting:str}/attendance", guards=[GUARD], status_code=303)
def programme_attendance(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str], data: FormData
) -> Redirect:
    return _record(request, db, managed_programme(request, db, slug), meeting, data)


ROUTES: list[Any] = [
    council_registrations,
    council_registrations_csv,
    council_attendance,
    add_walk,
    programme_registrations,
    programme_registrations_csv,
    programme_attendance,
]

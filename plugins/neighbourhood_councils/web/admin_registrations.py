"""Registrations and attendance in the back office, for a council's meetings and a programme's
walks and workshops alike: the list of registrants (and its CSV export, audited) and attendance
(present or absent per registrant, walk-ins by name). Every route checks the owner (council or
programme) against the official's districts first."""

from __future__ import annotations

from collections.abc import Callable
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
    one_or_404,
    page,
    redirect,
    state_of,
)
from parvis.plugins.neighbourhood_councils import registrations
from parvis.plugins.neighbourhood_councils.models import (
    Council,
    CouncilMeeting,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    PROGRAMMES,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import Owner, owner_path
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    managed_programme,
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


def _meeting(db: Session, owner: Owner, public_id: str) -> CouncilMeeting:
    column = CouncilMeeting.council_id if isinstance(owner, Council) else CouncilMeeting.programme_id
    return one_or_404(
        db, select(CouncilMeeting).where(CouncilMeeting.public_id == public_id[:24], column == owner.id)
    )


def _context(request: Req, db: DB, owner: Owner, meeting: CouncilMeeting, form: Any = None) -> dict[str, Any]:
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
        "base": owner_path(owner),
        "people": people,
        "places_left": registrations.places_left(db, meeting),
        "attendance": registrations.attendance(meeting),
        "form": form or attendance_form(people).bind(initial=initial),
    }


def _list_page(request: Req, db: DB, owner: Owner, meeting: str) -> Template:
    found = _meeting(db, owner, meeting)
    return page(request, TEMPLATE, **_context(request, db, owner, found))


def _export(request: Req, db: DB, owner: Owner, meeting: str) -> Response[Any]:
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


def _record(request: Req, db: DB, owner: Owner, meeting: str, data: FormData) -> Redirect:
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
        f"{owner_path(owner)}/meetings/{found.public_id}/registrations",
        _("The attendance is recorded."),
    )


def _routes(base: str, name: str, owner_of: Callable[[Req, DB, str], Owner]) -> list[Any]:
    """The registrations' routes below ``base`` (a council's or a programme's page): the list, its
    CSV, the attendance; ``owner_of`` finds the owner of the path, district checked."""

    @get(
        base + "/{slug:str}/meetings/{meeting:str}/registrations",
        guards=[GUARD],
        name=f"{name}-admin-registrations",
    )
    def registrations_page(request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str]) -> Template:
        return _list_page(request, db, owner_of(request, db, slug), meeting)

    @get(
        base + "/{slug:str}/meetings/{meeting:str}/registrations.csv",
        guards=[GUARD],
        name=f"{name}-admin-registrations-csv",
    )
    def registrations_csv(request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str]) -> Response[Any]:
        return _export(request, db, owner_of(request, db, slug), meeting)

    @post(base + "/{slug:str}/meetings/{meeting:str}/attendance", guards=[GUARD], status_code=303)
    def attendance(
        request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str], data: FormData
    ) -> Redirect:
        return _record(request, db, owner_of(request, db, slug), meeting, data)

    return [registrations_page, registrations_csv, attendance]


ROUTES: list[Any] = [
    *_routes(BASE, "nbhd", managed_council),  # a council's meetings
    *_routes(PROGRAMMES, "beautify", managed_programme),  # a programme's walks and workshops
]

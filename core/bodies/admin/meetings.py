"""Back office: a body's meetings and the attendance recorded at each."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis.bodies import services
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import AttendanceStatus, Body, Group, Meeting
from parvis.db import utcnow
from parvis.i18n import _
from parvis.identity import Person
from parvis.refusals import Refused
from parvis.web.backoffice import Resource, refuse_on_form
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath

from .common import PATH, AnyRequest, base, body_or_404, edit_page, manages_bodies, meeting_or_404
from .forms import meeting_form

MEETINGS = Resource("core.meeting", audited={"delete"})


def meetings_page(
    request: AnyRequest, db: Session, body: Body, form: BoundForm, refusal: Refused | None = None
) -> Template:
    now = utcnow()
    return page(
        request,
        "bodies/admin/meetings.html",
        body=body,
        kind=kind_of(state_of(request).site, body.kind),
        section="meetings",
        upcoming=services.meetings(db, body, include_private=True, after=now),
        past=services.meetings(db, body, include_private=True, before=now, newest_first=True, limit=100),
        now=now,
        form=form,
        refusal=refusal,
        title=_("Meetings — {body}").format(body=body.name),
    )


def meeting_page(
    request: AnyRequest, body: Body, meeting: Meeting, form: BoundForm, refusal: Refused | None = None
) -> Template:
    heading = _("Edit the meeting {title}").format(title=meeting.title)
    path = f"/meetings/{meeting.public_id}"
    return edit_page(request, body, "meetings", path, form, heading=heading, refusal=refusal, meeting=meeting)


def meeting_values(db: Session, v: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": v.get("title"),
        "kind": v.get("kind"),
        "group": db.get(Group, int(v["group"])) if v.get("group") else None,
        "starts_at": v.get("starts_at"),
        "ends_at": v.get("ends_at"),
        "place": v.get("place") or "",
        "agenda": v.get("agenda") or "",
        "public": bool(v.get("public")),
    }


def attendance_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    meeting: Meeting,
    chosen: dict[int, str],
    *,
    errors: dict[int, str] | None = None,
    refusal: Refused | None = None,
    status: int = 200,
) -> Template:
    attendees = services.expected_attendees(db, meeting)
    listed = {m.person_id for m in attendees}
    others = [db.get(Person, pid) for pid in services.attendance_of(db, meeting) if pid not in listed]
    return page(
        request,
        "bodies/admin/attendance.html",
        body=body,
        section="meetings",
        meeting=meeting,
        attendees=attendees,
        others=[p for p in others if p is not None],
        chosen=chosen,
        errors=errors or {},
        statuses=AttendanceStatus.choices(),
        refusal=refusal,
        title=_("Attendance — {title}").format(title=meeting.title),
        status_code=status,
    )


def chosen_statuses(
    db: Session, meeting: Meeting, data: FormData
) -> tuple[dict[int, str | None], dict[int, str], dict[int, str]]:
    """From the attendance form: each person's status (None to clear), those chosen, and errors."""
    people = {m.person.public_id: m.person_id for m in services.expected_attendees(db, meeting)}
    for pid in services.attendance_of(db, meeting):
        if pid not in people.values():
            person = db.get(Person, pid)
            if person is not None:
                people[person.public_id] = pid
    valid = {s.value for s in AttendanceStatus}
    statuses: dict[int, str | None] = {}
    chosen: dict[int, str] = {}
    errors: dict[int, str] = {}
    for key, raw in data.items():
        if not key.startswith("status-"):
            continue
        value = (raw[-1] if isinstance(raw, list) else str(raw or "")).strip()
        person_id = people.get(key.removeprefix("status-"))
        if person_id is None:
            continue  # someone no longer expected (an old page): ignore rather than fail
        if value and value not in valid:
            errors[person_id] = _("Choose among the options shown.")
        statuses[person_id] = value or None
        if value:
            chosen[person_id] = value
    return statuses, chosen, errors


class MeetingsAdminController(Controller):
    path = PATH
    guards = [manages_bodies]

    @get("/{slug:str}/meetings")
    def meetings(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = body_or_404(request, db, slug)
        kind = kind_of(state_of(request).site, body.kind)
        return meetings_page(request, db, body, meeting_form(body, kind).bind(initial={"kind": "meeting"}))

    @post("/{slug:str}/meetings", status_code=303)
    def add_meeting(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = body_or_404(request, db, slug)
        site = state_of(request).site
        form = meeting_form(body, kind_of(site, body.kind)).bind(data)
        v = MEETINGS.submit(request, form, lambda refusal: meetings_page(request, db, body, form, refusal))
        meeting = MEETINGS.save(db, lambda: services.add_meeting(db, site, body, **meeting_values(db, v)))
        message = _("The meeting {title} is added.").format(title=meeting.title)
        return MEETINGS.done(request, "add", f"{base(body)}/meetings", message, target=meeting)

    @get("/{slug:str}/meetings/{public_id:str}")
    def edit_meeting_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Template:
        body, meeting = meeting_or_404(request, db, slug, public_id)
        form = meeting_form(body, kind_of(state_of(request).site, body.kind)).bind(
            initial={
                "title": meeting.title,
                "kind": meeting.kind,
                "group": str(meeting.group_id) if meeting.group_id else None,
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "place": meeting.place,
                "agenda": meeting.agenda,
                "public": meeting.public,
            }
        )
        return meeting_page(request, body, meeting, form)

    @post("/{slug:str}/meetings/{public_id:str}", status_code=303)
    def update_meeting(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, meeting = meeting_or_404(request, db, slug, public_id)
        site = state_of(request).site
        form = meeting_form(body, kind_of(site, body.kind)).bind(data)
        v = MEETINGS.submit(
            request, form, lambda refusal: meeting_page(request, body, meeting, form, refusal)
        )
        MEETINGS.save(db, lambda: services.update_meeting(db, site, meeting, **meeting_values(db, v)))
        return MEETINGS.done(request, "update", f"{base(body)}/meetings", target=meeting)

    @post("/{slug:str}/meetings/{public_id:str}/delete", status_code=303)
    def delete_meeting(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Redirect:
        body, meeting = meeting_or_404(request, db, slug, public_id)
        delete = lambda: services.delete_meeting(db, meeting)  # noqa: E731
        return MEETINGS.delete(request, db, delete, f"{base(body)}/meetings", target=meeting, body=slug)

    @get("/{slug:str}/meetings/{public_id:str}/attendance")
    def attendance(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Template:
        body, meeting = meeting_or_404(request, db, slug, public_id)
        recorded = {pid: status.value for pid, status in services.attendance_of(db, meeting).items()}
        return attendance_page(request, db, body, meeting, recorded)

    @post("/{slug:str}/meetings/{public_id:str}/attendance", status_code=303)
    def save_attendance(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, meeting = meeting_or_404(request, db, slug, public_id)
        statuses, chosen, errors = chosen_statuses(db, meeting, data)
        if errors:
            return attendance_page(request, db, body, meeting, chosen, errors=errors, status=400)
        refuse_on_form(
            request,
            None,
            lambda refusal: attendance_page(request, db, body, meeting, chosen, refusal=refusal),
        )
        services.record_attendance(db, meeting, statuses)
        path = f"{base(body)}/meetings/{meeting.public_id}/attendance"
        return redirect(request, path, _("The attendance is saved."))

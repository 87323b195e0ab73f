"""Public pages of participatory bodies: the list, a body's page, its meetings.

Anyone sees active bodies, their colleges, groups and public meetings. The member list and the
meetings that are not public are shown only to those allowed ``core.view_members`` on the body
(its members and officials); members also see their own attendance.
"""

from __future__ import annotations

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.response import Template
from sqlalchemy import select

from parvis.bodies import services
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import (
    Attendance,
    Body,
    Meeting,
    MembershipStatus,
)
from parvis.content_translations.view import translated
from parvis.db import utcnow
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.guards import allowed, check, public
from parvis.web.render import page
from parvis.web.types import DB, AnyRequest, FromPath

VIEW_MEMBERS = "core.view_members"
MANAGE = "core.manage_bodies"


def _active_body(db: DB, slug: str) -> Body:
    body = services.body_by_slug(db, slug, active_only=True)
    if body is None:
        raise NotFoundException()
    return body


def _own_attendance(db: DB, request: AnyRequest, meetings: list[Meeting]) -> dict[int, str]:
    """{meeting id: translated status} of the signed-in person's recorded attendance."""
    person_id = state_of(request).actor.person_id
    if person_id is None or not meetings:
        return {}
    rows = db.execute(
        select(Attendance.meeting_id, Attendance.status).where(
            Attendance.person_id == person_id, Attendance.meeting_id.in_([m.id for m in meetings])
        )
    )
    return {meeting_id: _(status.label) for meeting_id, status in rows}


class BodyPublicController(Controller):
    path = "/bodies"
    guards = [public]

    @get("/", name="bodies")
    def index(self, request: AnyRequest, db: DB) -> Template:
        bodies = db.scalars(select(Body).where(Body.active).order_by(Body.name)).all()
        kinds = state_of(request).site.body_kinds
        return page(request, "bodies/index.html", bodies=bodies, kinds=kinds, title=_("Participatory bodies"))

    @get("/{slug:str}", name="body")
    def detail(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = _active_body(db, slug)
        state = state_of(request)
        site = state.site
        today = site.today()
        term = services.default_term(db, body, today)
        may_see_members = allowed(state, VIEW_MEMBERS, body)
        memberships = (
            services.members(db, body, term, statuses=[MembershipStatus.ACTIVE])
            if may_see_members and term is not None
            else []
        )
        return page(
            request,
            "bodies/detail.html",
            body=body,
            kind=kind_of(site, body.kind),
            declared=body.kind in site.body_kinds,
            current=services.current_terms(db, body, today),
            term=term,
            counts=services.seat_counts(db, body, term),
            meetings=services.upcoming_meetings(db, body, include_private=may_see_members, limit=5),
            may_see_members=may_see_members,
            may_manage=allowed(state, MANAGE, body),
            memberships=memberships,
            title=translated(request, body, "name"),
        )

    @get("/{slug:str}/meetings", name="body-meetings")
    def meetings(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = _active_body(db, slug)
        state = state_of(request)
        insider = allowed(state, VIEW_MEMBERS, body)
        now = utcnow()
        upcoming = services.meetings(db, body, include_private=insider, after=now)
        past = services.meetings(db, body, include_private=insider, before=now, newest_first=True, limit=200)
        past = [m for m in past if m.ends_at < now]
        return page(
            request,
            "bodies/meetings.html",
            body=body,
            kind=kind_of(state.site, body.kind),
            upcoming=upcoming,
            past=past,
            insider=insider,
            mine=_own_attendance(db, request, upcoming + past),
            title=_("Meetings — {body}").format(body=translated(request, body, "name")),
        )

    @get("/{slug:str}/meetings/{public_id:str}", name="body-meeting")
    def meeting(self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        body = _active_body(db, slug)
        meeting = db.scalar(select(Meeting).where(Meeting.public_id == public_id, Meeting.body_id == body.id))
        if meeting is None:
            raise NotFoundException()
        state = state_of(request)
        if not meeting.public:
            check(state, VIEW_MEMBERS, body)
        return page(
            request,
            "bodies/meeting.html",
            body=body,
            kind=kind_of(state.site, body.kind),
            meeting=meeting,
            mine=_own_attendance(db, request, [meeting]).get(meeting.id),
            may_manage=allowed(state, MANAGE, body),
            title=meeting.title,
        )

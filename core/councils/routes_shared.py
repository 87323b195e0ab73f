"""Sessions of spaces open to all councils, for the members of other bodies: the list, a
session's details, and signing the attendance sheet while the session runs."""

from __future__ import annotations

from datetime import timedelta

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis.bodies.models import AttendanceStatus, Meeting
from parvis.councils import shared
from parvis.councils.web import AnyRequest
from parvis.db import utcnow
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.guards import signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, FromPath

# Guests may sign the attendance sheet from this long before the start until the end.
SIGN_IN_EARLY = timedelta(hours=1)


def _session(request: AnyRequest, db: Session, public_id: str) -> Meeting:
    meeting = shared.session_by_public_id(db, public_id)
    if meeting is None or not shared.may_attend(db, state_of(request).actor.person_id, meeting):
        raise NotFoundException()
    return meeting


def signing_open(meeting: Meeting) -> bool:
    now = utcnow()
    return meeting.starts_at - SIGN_IN_EARLY <= now <= meeting.ends_at


class SharedSessionsController(Controller):
    path = "/councils/open-sessions"
    guards = [signed_in]

    @get("/", name="council-open-sessions")
    def index(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        found = shared.sessions(db, state.actor.person_id, after=utcnow(), today=state.site.today())
        return page(
            request,
            "councils/open_sessions.html",
            sessions=found,
            member=bool(shared.bodies_of(db, state.actor.person_id, state.site.today())),
            title=_("Sessions open to all councils"),
        )

    @get("/{public_id:str}", name="council-open-session")
    def detail(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        meeting = _session(request, db, public_id)
        person_id = state_of(request).actor.person_id
        signed = any(a.person_id == person_id for a in meeting.attendance)
        return page(
            request,
            "councils/open_session.html",
            meeting=meeting,
            signed=signed,
            signing_open=signing_open(meeting),
            title=meeting.title,
        )

    @post("/{public_id:str}/attend", status_code=303)
    def attend(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Redirect:
        meeting = _session(request, db, public_id)
        person_id = state_of(request).actor.person_id
        target = f"/councils/open-sessions/{meeting.public_id}"
        if person_id is None or not signing_open(meeting):
            return redirect(request, target, _("The attendance sheet opens an hour before the session."))
        shared.record_guest_attendance(db, meeting, person_id, AttendanceStatus.PRESENT)
        return redirect(request, target, _("You are on the attendance sheet. Welcome!"))

"""Meetings in the back office: announcing a council's meetings and a programme's walks and
workshops (one form, each owner its kinds), publishing a council meeting's minutes."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.response import Redirect
from sqlalchemy import select

from parvis.api import (
    DB,
    BoundForm,
    FormData,
    FromPath,
    _,
    one_or_404,
)
from parvis.plugins.neighbourhood_councils.models import (
    PROGRAMME_MEETING_KINDS,
    Council,
    CouncilMeeting,
    MeetingKind,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    PROGRAMMES,
    meeting_form,
    minutes_form,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import Owner, done, posted
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    managed_programme,
)


def _announce(request: Req, db: DB, owner: Owner, form: BoundForm, name: str) -> Redirect:
    """A council's meeting, or a programme's walk or workshop, from ``form`` (``name`` on its page)."""
    values = posted(request, db, owner, form, **{name: form})
    if values["ends_at"] <= values["starts_at"]:
        form.add_error("ends_at", _("The end must come after the start."))
        values = form.require_valid()
    owned_by = {"council_id": owner.id} if isinstance(owner, Council) else {"programme_id": owner.id}
    meeting = CouncilMeeting(
        **owned_by,
        kind=MeetingKind(values["kind"]),
        title=values["title"],
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        place=values["place"],
        agenda=values["agenda"] or "",
        capacity=values["capacity"],
    )
    db.add(meeting)
    db.flush()
    return done(request, owner, "meeting.create", _("The meeting is announced."), target=meeting)


@post(BASE + "/{slug:str}/meetings", guards=[GUARD], status_code=303)
def add_meeting(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    return _announce(request, db, council, meeting_form().bind(data), "meeting_form")


@post(PROGRAMMES + "/{slug:str}/meetings", guards=[GUARD], status_code=303)
def add_walk(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    programme = managed_programme(request, db, slug)
    form = meeting_form(kinds=PROGRAMME_MEETING_KINDS).bind(data)
    return _announce(request, db, programme, form, "walk_form")


@post(BASE + "/{slug:str}/meetings/{meeting:str}/minutes", guards=[GUARD], status_code=303)
def record_minutes(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = one_or_404(
        db,
        select(CouncilMeeting).where(
            CouncilMeeting.public_id == meeting, CouncilMeeting.council_id == council.id
        ),
    )
    values = posted(request, db, council, minutes_form().bind(data))
    found.minutes = values["minutes"]
    return done(request, council, "meeting.minutes", _("The minutes are published."), target=found)


ROUTES: list[Any] = [
    add_meeting,
    add_walk,
    record_minutes,
]

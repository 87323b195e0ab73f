"""A council's meetings in the back office: announcing them, publishing their minutes."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.response import Redirect
from sqlalchemy import select

from parvis.api import (
    DB,
    FormData,
    FromPath,
    _,
    audit,
    on_refusal,
    redirect,
)
from parvis.plugins.neighbourhood_councils.models import (
    CouncilMeeting,
    MeetingKind,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    MANAGE_TEMPLATE,
    manage_context,
    meeting_form,
    minutes_form,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    not_found,
)


@post(BASE + "/{slug:str}/meetings", guards=[GUARD], status_code=303)
def add_meeting(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    form = meeting_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, meeting_form=form))
    values = form.require_valid()
    if values["ends_at"] <= values["starts_at"]:
        form.add_error("ends_at", _("The end must come after the start."))
        values = form.require_valid()
    meeting = CouncilMeeting(
        council_id=council.id,
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
    audit.record_request(request, "neighbourhood_councils.meeting.create", target=meeting)
    return redirect(request, f"{BASE}/{council.slug}", _("The meeting is announced."))


@post(BASE + "/{slug:str}/meetings/{meeting:str}/minutes", guards=[GUARD], status_code=303)
def record_minutes(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = db.scalar(
        select(CouncilMeeting).where(
            CouncilMeeting.public_id == meeting, CouncilMeeting.council_id == council.id
        )
    )
    if found is None:
        raise not_found()
    form = minutes_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council))
    values = form.require_valid()
    found.minutes = values["minutes"]
    audit.record_request(request, "neighbourhood_councils.meeting.minutes", target=found)
    return redirect(request, f"{BASE}/{council.slug}", _("The minutes are published."))


ROUTES: list[Any] = [
    add_meeting,
    record_minutes,
]

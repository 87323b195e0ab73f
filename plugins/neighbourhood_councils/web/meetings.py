"""Public pages of meetings, walks and workshops: a meeting's page (places left, attendance as
counts, never names), registering and cancelling, and a resident's own registrations."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    DB,
    FromPath,
    _,
    audit,
    not_found,
    on_refusal,
    one_or_404,
    page,
    public,
    redirect,
    signed_in,
    state_of,
)
from parvis.plugins.neighbourhood_councils import registrations
from parvis.plugins.neighbourhood_councils.models import CouncilMeeting
from parvis.plugins.neighbourhood_councils.services import district_name
from parvis.plugins.neighbourhood_councils.web.common import Req, owner_name

MEETINGS = "/neighbourhood-councils/meetings"
MEETING_TEMPLATE = "neighbourhood_councils/meeting.html"


def meeting_or_404(db: Session, public_id: str) -> CouncilMeeting:
    return one_or_404(db, select(CouncilMeeting).where(CouncilMeeting.public_id == public_id[:24]))


def meeting_context(request: Req, db: DB, meeting: CouncilMeeting) -> dict[str, Any]:
    state = state_of(request)
    owner = registrations.owner_of(db, meeting)
    now = state.site.now()
    return {
        "title": meeting.title,
        "meeting": meeting,
        "kind_label": _(meeting.kind.label),
        "owner_name": owner_name(request, owner),
        "owner_path": registrations.owner_path(owner),
        "district_name": district_name(state.site, owner.district),
        "places_left": registrations.places_left(db, meeting),
        "registration": registrations.registration_of(db, meeting, state.actor.person_id),
        "open": meeting.starts_at > now,
        "attendance": registrations.attendance(meeting),
    }


@get(MEETINGS + "/{meeting:str}", guards=[public], name="nbhd-meeting")
def meeting_page(request: Req, db: DB, meeting: FromPath[str]) -> Template:
    found = meeting_or_404(db, meeting)
    return page(request, MEETING_TEMPLATE, **meeting_context(request, db, found))


@post(MEETINGS + "/{meeting:str}/register", guards=[signed_in], status_code=303)
def register(request: Req, db: DB, meeting: FromPath[str]) -> Redirect:
    state = state_of(request)
    found = meeting_or_404(db, meeting)
    on_refusal(request, MEETING_TEMPLATE, **meeting_context(request, db, found))
    account = state.actor.account
    person = account.person if account is not None else None
    if person is None:
        raise not_found()
    registrations.register(db, state.site, found, person, account=account)
    audit.record_request(request, "neighbourhood_councils.registration.create", target=found)
    return redirect(
        request,
        registrations.meeting_path(found),
        _("You are registered. A confirmation is on its way to your mailbox."),
    )


@post(MEETINGS + "/{meeting:str}/cancel", guards=[signed_in], status_code=303)
def cancel(request: Req, db: DB, meeting: FromPath[str]) -> Redirect:
    state = state_of(request)
    found = meeting_or_404(db, meeting)
    on_refusal(request, MEETING_TEMPLATE, **meeting_context(request, db, found))
    registrations.cancel(db, state.site, found, state.actor.person_id)
    audit.record_request(request, "neighbourhood_councils.registration.cancel", target=found)
    return redirect(request, registrations.meeting_path(found), _("Your registration is cancelled."))


@get("/neighbourhood-councils/my-registrations", guards=[signed_in], name="nbhd-my-registrations")
def my_registrations(request: Req, db: DB) -> Template:
    state = state_of(request)
    person_id = state.actor.person_id
    coming, past = (
        registrations.of_person(db, person_id, state.site.now()) if person_id is not None else ([], [])
    )
    return page(
        request,
        "neighbourhood_councils/my_registrations.html",
        title=_("My registrations"),
        coming=coming,
        past=past,
        owner_name=lambda owner: owner_name(request, owner),
        owner_path=registrations.owner_path,
    )


ROUTES: list[Any] = [my_registrations, meeting_page, register, cancel]

"""A volunteer's own page: what happened to their missions (core's notifications about missions),
their missions (confirmed and waiting), campaigns, the
organisations they act for, and their private calendar address."""

from __future__ import annotations

import secrets
from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import DB, _, redirect, signed_in, state_of, utcnow
from parvis.api import AnyRequest as Req
from parvis.api.notifications import describe, latest, mark_read
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.models import (
    CalendarFeed,
    CampaignSignup,
    CampaignTeam,
    Mission,
    Organisation,
    OrgMember,
    Participation,
    ParticipationStatus,
    Slot,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.signup import ACTIVE
from parvis.plugins.volunteers.web.common import render


def feed_token(db: DB, account_id: int, rotate: bool = False) -> str:
    """The account's calendar token, created on first use; ``rotate`` replaces it (old links stop working)."""
    feed = db.get(CalendarFeed, account_id)
    if feed is None:
        feed = CalendarFeed(account_id=account_id, token=secrets.token_urlsafe(24))
        db.add(feed)
    elif rotate:
        feed.token = secrets.token_urlsafe(24)
        feed.created_at = utcnow()
    db.flush()
    return feed.token


def my_participations(db: DB, account_id: int) -> list[Any]:
    return list(
        db.execute(
            select(Participation, Slot, Mission)
            .join(Slot, Slot.id == Participation.slot_id)
            .join(Mission, Mission.id == Slot.mission_id)
            .where(Participation.account_id == account_id, Participation.status.in_(ACTIVE))
            .order_by(Slot.starts_at)
        ).all()
    )


class MeController(Controller):
    path = "/volunteers/me"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/", guards=[signed_in], name="volunteers-me")
    def me(self, request: Req, db: DB) -> Template:
        from parvis.plugins.volunteers.signup import waiting_position

        account = state_of(request).actor.account
        assert account is not None
        now = utcnow()
        rows = my_participations(db, account.id)
        upcoming = [(p, s, m) for p, s, m in rows if s.ends_at > now]
        past = [(p, s, m) for p, s, m in rows if s.ends_at <= now][-20:]
        positions = {
            p.id: waiting_position(db, p)
            for p, _s, _m in upcoming
            if p.status == ParticipationStatus.WAITLISTED
        }
        notices = describe(latest(db, account, kinds=[MISSION], limit=30))
        campaigns = db.execute(
            select(CampaignSignup, VolunteerCampaign, CampaignTeam)
            .join(VolunteerCampaign, VolunteerCampaign.id == CampaignSignup.campaign_id)
            .outerjoin(CampaignTeam, CampaignTeam.id == CampaignSignup.team_id)
            .where(CampaignSignup.account_id == account.id)
            .order_by(VolunteerCampaign.starts_at)
        ).all()
        organisations = db.scalars(
            select(Organisation)
            .join(OrgMember, OrgMember.organisation_id == Organisation.id)
            .where(OrgMember.account_id == account.id)
            .order_by(Organisation.name)
        ).all()
        feed = db.get(CalendarFeed, account.id)  # created by a POST: this GET never writes
        feed_url = (
            str(
                request.url.with_replacements(
                    path=f"/api/volunteers/calendar/{feed.token}/feed.ics", query=""
                )
            )
            if feed
            else None
        )
        return render(
            request,
            "volunteers/me.html",
            upcoming=upcoming,
            past=past,
            positions=positions,
            notices=notices,
            unread=sum(1 for n in notices if n["notification"].read_at is None),
            campaigns=campaigns,
            organisations=organisations,
            feed_url=feed_url,
            title=_("My missions"),
        )

    @post("/calendar", guards=[signed_in], status_code=303)
    def rotate(self, request: Req, db: DB) -> Redirect:
        account = state_of(request).actor.account
        assert account is not None
        existed = db.get(CalendarFeed, account.id) is not None
        feed_token(db, account.id, rotate=True)
        message = (
            _("Your calendar has a new private address; the old one no longer works.")
            if existed
            else _("Your private calendar address is ready.")
        )
        return redirect(request, "/volunteers/me", message)

    @post("/notices/read", guards=[signed_in], status_code=303)
    def read(self, request: Req, db: DB) -> Redirect:
        account = state_of(request).actor.account
        assert account is not None
        mark_read(db, state_of(request).site, account, kinds=[MISSION])
        return redirect(request, "/volunteers/me", _("Notices marked as read."))

"""The home page's "Open now" meetings: the next public meetings of active bodies, soonest first."""

from __future__ import annotations

from datetime import timedelta

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from parvis.bodies.models import Body, Meeting
from parvis.content_translations.view import marked
from parvis.formatting import format_date, format_time
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.navigation import HomePanel
from parvis.web.render import url
from parvis.web.types import AnyRequest

# Meetings starting within this many days, at most this many cards.
HORIZON_DAYS = 30
MOST = 3


def next_meetings(request: AnyRequest, db: Session) -> list[HomePanel]:
    now = state_of(request).site.now()
    meetings = db.scalars(
        select(Meeting)
        .join(Body, Meeting.body_id == Body.id)
        .where(
            Meeting.public.is_(True),
            Body.active.is_(True),
            Meeting.starts_at >= now,
            Meeting.starts_at < now + timedelta(days=HORIZON_DAYS),
        )
        .options(joinedload(Meeting.body))
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(MOST)
    ).all()
    panels = []
    for meeting in meetings:
        when = _("{date}, {time}").format(
            date=format_date(meeting.starts_at, "full"), time=format_time(meeting.starts_at, "short")
        )
        # The body's name in the page's language, or its original marked with its lang.
        body = marked(request, meeting.body, "name", note=False)
        text = Markup.escape(_("{body}, {when}")).format(body=body, when=when)
        if meeting.place:
            text = Markup.escape(_("{body}, {when}, {place}")).format(
                body=body, when=when, place=meeting.place
            )
        panels.append(
            HomePanel(
                meeting.title,
                text,
                url(request, f"/bodies/{meeting.body.slug}/meetings/{meeting.public_id}"),
                _("See the meeting"),
                kind="meeting",
                starts_at=meeting.starts_at,
            )
        )
    return panels

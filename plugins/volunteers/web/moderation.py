"""The officials' queue of missions awaiting validation. Reported and hidden missions are in core
moderation's queue (``/admin/moderation``), like every other content kind."""

from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template
from sqlalchemy import select

from parvis.api import DB, _, can
from parvis.api import AnyRequest as Req
from parvis.plugins.volunteers.models import Mission, MissionStatus
from parvis.plugins.volunteers.permissions import MODERATE
from parvis.plugins.volunteers.web.common import render


class ModerationController(Controller):
    path = "/volunteers/moderation"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/", guards=[can(MODERATE)], name="volunteers-moderation")
    def queue(self, request: Req, db: DB) -> Template:
        pending = db.scalars(
            select(Mission)
            .where(Mission.status == MissionStatus.PENDING)
            .order_by(Mission.submitted_at)
            .limit(200)
        ).all()
        return render(
            request, "volunteers/moderation.html", pending=pending, title=_("Volunteering: moderation")
        )

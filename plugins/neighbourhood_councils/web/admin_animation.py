"""A council's animation group in the back office: drawn by lot, or members added and removed."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.response import Redirect
from sqlalchemy import select

from parvis.api import (
    DB,
    FromPath,
    _,
    one_or_404,
    state_of,
)
from parvis.plugins.neighbourhood_councils import services
from parvis.plugins.neighbourhood_councils.models import (
    Council,
    Member,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    draw_form,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import council_post, done, draw_details
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
)


@council_post("/animation-group/draw", draw_form)
def draw_animation_group(request: Req, db: DB, council: Council, values: dict[str, Any]) -> Redirect:
    record = services.draw_animation_group(
        db, state_of(request).site, council, values["seats"], values["public_input"]
    )
    message = _("The animation group is drawn by lot.")
    return done(request, council, "animation.draw", message, **draw_details(record))


@post(BASE + "/{slug:str}/members/{member:int}/animator", guards=[GUARD], status_code=303)
def toggle_animator(request: Req, db: DB, slug: FromPath[str], member: FromPath[int]) -> Redirect:
    council = managed_council(request, db, slug)
    found = one_or_404(
        db,
        select(Member).where(Member.id == member, Member.council_id == council.id, Member.left_at.is_(None)),
    )
    found.animator = not found.animator
    message = _("Added to the animation group.") if found.animator else _("Removed from the animation group.")
    return done(request, council, "member.animator", message, animator=found.animator)


ROUTES: list[Any] = [
    toggle_animator,
    draw_animation_group,
]

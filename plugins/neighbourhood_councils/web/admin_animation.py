"""A council's animation group in the back office: drawn by lot, or members added and removed."""

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
    state_of,
)
from parvis.plugins.neighbourhood_councils import services
from parvis.plugins.neighbourhood_councils.models import (
    Member,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    MANAGE_TEMPLATE,
    draw_form,
    manage_context,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    not_found,
)


@post(BASE + "/{slug:str}/animation-group/draw", guards=[GUARD], status_code=303)
def draw_animation_group(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    form = draw_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, draw_form=form))
    values = form.require_valid()
    record = services.draw_animation_group(
        db, state_of(request).site, council, values["seats"], values["public_input"]
    )
    audit.record_request(
        request,
        "neighbourhood_councils.animation.draw",
        target=council,
        seed=record.seed,
        inputs=record.inputs,
        public_inputs=record.public_inputs,
        panel=record.panel,
        algorithm=record.algorithm,
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The animation group is drawn by lot."))


@post(BASE + "/{slug:str}/members/{member:int}/animator", guards=[GUARD], status_code=303)
def toggle_animator(request: Req, db: DB, slug: FromPath[str], member: FromPath[int]) -> Redirect:
    council = managed_council(request, db, slug)
    found = db.scalar(
        select(Member).where(Member.id == member, Member.council_id == council.id, Member.left_at.is_(None))
    )
    if found is None:
        raise not_found()
    found.animator = not found.animator
    audit.record_request(
        request, "neighbourhood_councils.member.animator", target=council, animator=found.animator
    )
    message = _("Added to the animation group.") if found.animator else _("Removed from the animation group.")
    return redirect(request, f"{BASE}/{council.slug}", message)


ROUTES: list[Any] = [
    toggle_animator,
    draw_animation_group,
]

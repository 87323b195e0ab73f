"""A council's vœux in the back office: proposing one, moving it to its next step."""

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
    one_or_404,
    state_of,
)
from parvis.api.decisions import Decision
from parvis.plugins.neighbourhood_councils import voeux
from parvis.plugins.neighbourhood_councils.models import Council
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    _body_of,
    move_form,
    voeu_form,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import council_post, done, posted
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
)


@council_post("/voeux", voeu_form)
def add_voeu(request: Req, db: DB, council: Council, values: dict[str, Any]) -> Redirect:
    state = state_of(request)
    decision = voeux.propose(
        db, state.site, _body_of(db, council), title=values["title"], text=values["text"], actor=state.actor
    )
    return done(request, council, "voeu.create", _("The vœu is recorded as a draft."), target=decision)


@post(BASE + "/{slug:str}/voeux/{decision:str}/move", guards=[GUARD], status_code=303)
def move_voeu(request: Req, db: DB, slug: FromPath[str], decision: FromPath[str], data: FormData) -> Redirect:
    state = state_of(request)
    council = managed_council(request, db, slug)
    body = _body_of(db, council)
    found = one_or_404(
        db, select(Decision).where(Decision.public_id == decision, Decision.body_id == body.id)
    )
    values = posted(request, db, council, move_form(voeux.next_steps(state.site, found)).bind(data))
    voeux.move(db, state.site, found, values["to"], state.actor, body=body, note=values["note"] or "")
    message = _("The vœu has moved to its next step.")
    return done(request, council, "voeu.move", message, target=found, state=values["to"])


ROUTES: list[Any] = [
    add_voeu,
    move_voeu,
]

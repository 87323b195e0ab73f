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
    audit,
    on_refusal,
    redirect,
    state_of,
)
from parvis.api.decisions import Decision
from parvis.plugins.neighbourhood_councils import voeux
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    MANAGE_TEMPLATE,
    _body_of,
    manage_context,
    move_form,
    voeu_form,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    not_found,
)


@post(BASE + "/{slug:str}/voeux", guards=[GUARD], status_code=303)
def add_voeu(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    state = state_of(request)
    council = managed_council(request, db, slug)
    form = voeu_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, voeu_form=form))
    values = form.require_valid()
    decision = voeux.propose(
        db, state.site, _body_of(db, council), title=values["title"], text=values["text"], actor=state.actor
    )
    audit.record_request(request, "neighbourhood_councils.voeu.create", target=decision)
    return redirect(request, f"{BASE}/{council.slug}", _("The vœu is recorded as a draft."))


@post(BASE + "/{slug:str}/voeux/{decision:str}/move", guards=[GUARD], status_code=303)
def move_voeu(request: Req, db: DB, slug: FromPath[str], decision: FromPath[str], data: FormData) -> Redirect:
    state = state_of(request)
    council = managed_council(request, db, slug)
    body = _body_of(db, council)
    found = db.scalar(select(Decision).where(Decision.public_id == decision, Decision.body_id == body.id))
    if found is None:
        raise not_found()
    form = move_form(voeux.next_steps(state.site, found)).bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council))
    values = form.require_valid()
    voeux.move(db, state.site, found, values["to"], state.actor, body=body, note=values["note"] or "")
    audit.record_request(request, "neighbourhood_councils.voeu.move", target=found, state=values["to"])
    return redirect(request, f"{BASE}/{council.slug}", _("The vœu has moved to its next step."))


ROUTES: list[Any] = [
    add_voeu,
    move_voeu,
]

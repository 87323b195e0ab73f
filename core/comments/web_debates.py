"""The routes of debates: the list of a space's debates, a debate's page with its thread, and the
officials' forms to open one and write its closing summary."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.comments import debates
from parvis.comments.debates import DEBATE
from parvis.comments.models import Debate
from parvis.content import ContentRef
from parvis.i18n import _, lazy_gettext
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath
from parvis.web.unit_of_work import on_refusal

OPEN_FORM = Form(
    Field("question", lazy_gettext("Question put to debate"), max_length=300, min_length=5),
    Field("opening_text", lazy_gettext("Opening text"), kind="textarea", max_length=10000, required=False),
    Field("opens_at", lazy_gettext("Opens on"), kind="datetime"),
    Field("closes_at", lazy_gettext("Closes on"), kind="datetime"),
)
CLOSE_FORM = Form(
    Field(
        "summary",
        lazy_gettext("Closing summary"),
        kind="textarea",
        max_length=10000,
        help=lazy_gettext("What was said, and what the City takes from it. Writing it closes the debate."),
    )
)


class DebateController(Controller):
    @get("/debates/in/{kind:str}/{key:str}", guards=[public])
    def index(self, request: AnyRequest, db: DB, kind: FromPath[str], key: FromPath[str]) -> Template:
        state = state_of(request)
        space = debates.space_of(db, state.site, kind, key)
        manages = debates.may_open(db, state.site, state.actor, space)
        now = state.site.now()
        return page(
            request,
            "comments/debates.html",
            space=space,
            debates=debates.debates_in(db, space, include_future=manages, now=now),
            manages=manages,
            now=now,
            title=_("Debates: {name}").format(name=space.title),
        )

    @get("/debates/in/{kind:str}/{key:str}/new", guards=[signed_in])
    def new(self, request: AnyRequest, db: DB, kind: FromPath[str], key: FromPath[str]) -> Template:
        return self._open_page(request, db, kind, key, OPEN_FORM.bind())

    def _open_page(
        self, request: AnyRequest, db: Any, kind: str, key: str, form: Any, **context: Any
    ) -> Template:
        state = state_of(request)
        space = debates.space_of(db, state.site, kind, key)
        if not debates.may_open(db, state.site, state.actor, space):
            raise debates.DebateRefused(
                _("Only the officials in charge open and close debates here."), status_code=403
            )
        return page(
            request, "comments/debate_form.html", space=space, form=form, title=_("Open a debate"), **context
        )

    @post("/debates/in/{kind:str}/{key:str}/new", guards=[signed_in], status_code=303)
    def create(
        self, request: AnyRequest, db: DB, kind: FromPath[str], key: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        space = debates.space_of(db, state.site, kind, key)
        form = OPEN_FORM.bind(data)
        on_refusal(request, "comments/debate_form.html", form=form, space=space, title=_("Open a debate"))
        values = form.require_valid()
        debate = debates.open_debate(
            db,
            state.site,
            state.actor,
            space,
            question=values["question"],
            opening_text=values["opening_text"] or "",
            opens_at=values["opens_at"],
            closes_at=values["closes_at"],
        )
        return redirect(request, f"/debates/{debate.public_id}", _("The debate is open."))

    @get("/debates/{public_id:str}", guards=[public])
    def show(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        state = state_of(request)
        debate = debates.debate_by_public_id(db, public_id)
        space = debates.space_of(db, state.site, debate.space_kind, debate.space_key)
        manages = debates.may_open(db, state.site, state.actor, space)
        now = state.site.now()
        if now < debate.opens_at and not manages:
            from litestar.exceptions import NotFoundException

            raise NotFoundException()
        return page(
            request,
            "comments/debate.html",
            debate=debate,
            space=space,
            manages=manages,
            now=now,
            ref=ContentRef(DEBATE, debate.public_id),
            title=debate.question,
        )

    def _close_page(
        self, request: AnyRequest, db: Any, debate: Debate, form: Any, **context: Any
    ) -> Template:
        state = state_of(request)
        space = debates.space_of(db, state.site, debate.space_kind, debate.space_key)
        if not debates.may_open(db, state.site, state.actor, space):
            raise debates.DebateRefused(
                _("Only the officials in charge open and close debates here."), status_code=403
            )
        return page(
            request,
            "comments/debate_close.html",
            debate=debate,
            form=form,
            title=_("Close the debate"),
            **context,
        )

    @get("/debates/{public_id:str}/close", guards=[signed_in])
    def close_form(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        debate = debates.debate_by_public_id(db, public_id)
        return self._close_page(
            request, db, debate, CLOSE_FORM.bind(initial={"summary": debate.closing_summary})
        )

    @post("/debates/{public_id:str}/close", guards=[signed_in], status_code=303)
    def close(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        debate = debates.debate_by_public_id(db, public_id)
        form = CLOSE_FORM.bind(data)
        on_refusal(
            request, "comments/debate_close.html", form=form, debate=debate, title=_("Close the debate")
        )
        values = form.require_valid()
        debates.close_debate(db, state.site, state.actor, debate, values["summary"])
        return redirect(request, f"/debates/{debate.public_id}", _("The closing summary is published."))

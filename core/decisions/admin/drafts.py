"""Back office of decisions: the list, a new decision and editing its text."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.bodies.models import Body, Group, Term
from parvis.decisions import transitions
from parvis.decisions.authoring import create_decision, update_decision
from parvis.decisions.forms import EDIT, decision_form
from parvis.decisions.models import Decision
from parvis.decisions.registry import registry
from parvis.decisions.tracker import status_label
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web import backoffice
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import allowed, can, check
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath

from .common import (
    BACK_OFFICE,
    FOLLOWUP_ACTION,
    MANAGE,
    PATH,
    AnyRequest,
    BodyQuery,
    decision_or_404,
    group_choices,
    term_choices,
    type_choices,
)


def new_page(request: AnyRequest, form: BoundForm, refusal: Refused | None = None) -> Template:
    return page(request, "decisions/admin/new.html", form=form, title=_("New decision"))


def edit_page(
    request: AnyRequest,
    decision: Decision,
    form: BoundForm,
    refusal: Refused | None = None,
    status_code: int = 200,
) -> Template:
    workflow = registry(state_of(request).site).workflow_of(decision)
    current = workflow.state(decision.state)
    return page(
        request,
        "decisions/admin/edit.html",
        decision=decision,
        form=form,
        editable=bool(current and current.editable),
        error=refusal.message if refusal else None,
        title=_("Edit: {title}").format(title=decision.title),
        status_code=status_code,
    )


class DecisionDraftsController(Controller):
    path = PATH

    @get("/", guards=[BACK_OFFICE], name="admin-decisions")
    def index(self, request: AnyRequest, db: DB, body_slug: BodyQuery = None) -> Template:
        site = state_of(request).site
        query = select(Decision).join(Body, Body.id == Decision.body_id).order_by(Decision.updated_at.desc())
        if body_slug:
            query = query.where(Body.slug == body_slug[:80])
        decisions = db.scalars(query.limit(500)).all()
        declared = registry(site)
        rows = [
            (
                d,
                declared.type_label(d.type),
                transitions.state_label(declared.workflow_of(d), d.state),
                status_label(d.followup.status.value) if d.followup else "",
            )
            for d in decisions
        ]
        bodies = db.scalars(select(Body).order_by(Body.name)).all()
        return page(
            request,
            "decisions/admin/index.html",
            rows=rows,
            bodies=bodies,
            selected_body=body_slug or "",
            can_create=allowed(state_of(request), MANAGE),
            can_review=allowed(state_of(request), FOLLOWUP_ACTION),
            title=_("Decisions and follow-up"),
        )

    @get("/new", guards=[can(MANAGE)])
    def new_form(self, request: AnyRequest, db: DB) -> Template:
        form = decision_form(term_choices(db), type_choices(request), group_choices(db)).bind()
        return new_page(request, form)

    @post("/new", guards=[can(MANAGE)], status_code=303)
    def create(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        form = decision_form(term_choices(db), type_choices(request), group_choices(db)).bind(data)
        values = backoffice.submit(request, form, lambda refusal: new_page(request, form, refusal))
        term = db.get(Term, int(values["term"]))
        if term is None:
            raise NotFoundException()
        group = db.get(Group, int(values["group"])) if values["group"] else None
        if group is not None and group.body_id != term.body_id:
            raise Refused(_("This workshop belongs to another body."), "group")
        body = db.get(Body, term.body_id)
        check(state, MANAGE, body)
        decision = create_decision(
            db,
            state.site,
            body=body,  # type: ignore[arg-type]
            term=term,
            decision_type=values["type"],
            title=values["title"],
            actor=state.actor,
            group=group,
            **{k: values[k] or "" for k in ("reference", "topic", "summary", "text")},
        )
        return redirect(request, f"/admin/decisions/{decision.public_id}", _("The decision is created."))

    @get("/{public_id:str}/edit", guards=[can(MANAGE)])
    def edit_form(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        decision = decision_or_404(db, public_id)
        check(state_of(request), MANAGE, decision)
        initial = {k: getattr(decision, k) for k in ("title", "reference", "topic", "summary", "text")}
        return edit_page(request, decision, EDIT.bind(initial=initial))

    @post("/{public_id:str}/edit", guards=[can(MANAGE)], status_code=303)
    def edit(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, MANAGE, decision)
        form = EDIT.bind(data)
        backoffice.refuse_on_form(
            request,
            form,
            lambda refusal: edit_page(request, decision, form, refusal, 409 if refusal else 400),
            status_code=None,
        )
        values = form.require_valid()
        update_decision(db, state.site, decision, state.actor, **values)
        return redirect(request, f"/admin/decisions/{decision.public_id}", _("The text is saved."))

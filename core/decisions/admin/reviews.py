"""Back office of the public follow-up meetings that review recommendations one by one."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.decisions.followup import Reviewed, record_review_meeting, tracks_followup
from parvis.decisions.forms import review_form
from parvis.decisions.models import Decision
from parvis.i18n import _
from parvis.web import backoffice
from parvis.web.context import state_of
from parvis.web.guards import can, check
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData

from .common import FOLLOWUP_ACTION, AnyRequest, BodyQuery


class ReviewMeetingController(Controller):
    """Public follow-up meetings reviewing recommendations one by one."""

    path = "/admin/follow-up-meetings"
    guards = [can(FOLLOWUP_ACTION)]

    def _choices(self, db: Session, request: AnyRequest, body: Body) -> list[tuple[str, str]]:
        site = state_of(request).site
        decisions = db.scalars(
            select(Decision).where(Decision.body_id == body.id).order_by(Decision.reference, Decision.id)
        )
        return [
            (d.public_id, f"{d.reference} {d.title}".strip()) for d in decisions if tracks_followup(site, d)
        ]

    def _body(self, db: Session, slug: str | None) -> Body:
        body = db.scalar(select(Body).where(Body.slug == (slug or "")[:80]))
        if body is None:
            raise NotFoundException()
        return body

    @get("/new")
    def new_form(self, request: AnyRequest, db: DB, body_slug: BodyQuery = None) -> Template:
        bodies = db.scalars(select(Body).where(Body.active).order_by(Body.name)).all()
        chosen = self._body(db, body_slug) if body_slug else None
        form = review_form(self._choices(db, request, chosen)).bind() if chosen else None
        return page(
            request,
            "decisions/admin/review.html",
            bodies=bodies,
            body=chosen,
            form=form,
            title=_("Record a follow-up meeting"),
        )

    @post("/new", status_code=303)
    def create(
        self, request: AnyRequest, db: DB, data: FormData, body_slug: BodyQuery = None
    ) -> Template | Redirect:
        state = state_of(request)
        chosen = self._body(db, body_slug)
        check(state, FOLLOWUP_ACTION, chosen)
        form = review_form(self._choices(db, request, chosen)).bind(data)
        if form.valid and form.values["ends_at"] <= form.values["starts_at"]:
            form.add_error("ends_at", _("The end must be after the start."))
        values = backoffice.submit(
            request,
            form,
            lambda refusal: page(
                request,
                "decisions/admin/review.html",
                bodies=db.scalars(select(Body).where(Body.active).order_by(Body.name)).all(),
                body=chosen,
                form=form,
                title=_("Record a follow-up meeting"),
            ),
        )
        by_id = {
            d.public_id: d
            for d in db.scalars(select(Decision).where(Decision.public_id.in_(values["decisions"])))
        }
        record_review_meeting(
            db,
            chosen,
            state.actor,
            title=values["title"],
            starts_at=values["starts_at"],
            ends_at=values["ends_at"],
            place=values["place"] or "",
            minutes=values["minutes"] or "",
            reviewed=[Reviewed(by_id[p]) for p in values["decisions"] if p in by_id],
        )
        message = _("The follow-up meeting is recorded ({count} reviewed).").format(count=len(by_id))
        return redirect(request, f"/bodies/{chosen.slug}/follow-up", message)

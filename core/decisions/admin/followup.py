"""Back office of a decision's follow-up: the City's response, its status and its milestones."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis import audit
from parvis.decisions.followup import add_milestone, complete_milestone, tracks_followup, update_followup
from parvis.decisions.forms import FOLLOWUP, MILESTONE
from parvis.decisions.models import Decision, FollowUpStatus, Milestone
from parvis.i18n import _
from parvis.refusals import Invalid, Refused
from parvis.web import backoffice
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import can, check
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath

from .common import FOLLOWUP_ACTION, PATH, AnyRequest, decision_or_404


def followup_initial(decision: Decision) -> dict[str, Any]:
    followup = decision.followup
    if followup is None:
        return {"status": FollowUpStatus.NOT_STARTED.value, "progress": 0}
    return {
        "response": followup.response,
        "response_on": followup.response_on,
        "department": followup.department,
        "elected_official": followup.elected_official,
        "status": followup.status.value,
        "progress": followup.progress,
        "expected_on": followup.expected_on,
    }


def followup_page(
    request: AnyRequest,
    decision: Decision,
    *,
    form: BoundForm | None = None,
    milestone_form: BoundForm | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Template:
    site = state_of(request).site
    return page(
        request,
        "decisions/admin/followup.html",
        decision=decision,
        tracked=tracks_followup(site, decision),
        form=form or FOLLOWUP.bind(initial=followup_initial(decision)),
        milestone_form=milestone_form or MILESTONE.bind(),
        milestones=decision.milestones,
        today=site.today(),
        error=error,
        title=_("Follow-up: {title}").format(title=decision.title),
        status_code=status_code,
    )


def refuse_on_followup(request: AnyRequest, decision: Decision, **forms: Any) -> None:
    """A refusal shows the follow-up page again: 400 with the form's messages, else 409 with why."""
    form = next(iter(forms.values()), None)

    def render(refusal: Refused | None) -> Template:
        if refusal is None or isinstance(refusal, Invalid):
            return followup_page(request, decision, status_code=400, **forms)
        return followup_page(request, decision, error=refusal.message, status_code=409, **forms)

    backoffice.refuse_on_form(request, form, render, status_code=None)


class DecisionFollowUpController(Controller):
    path = PATH
    guards = [can(FOLLOWUP_ACTION)]

    @get("/{public_id:str}/follow-up")
    def followup_form(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        decision = decision_or_404(db, public_id)
        check(state_of(request), FOLLOWUP_ACTION, decision)
        return followup_page(request, decision)

    @post("/{public_id:str}/follow-up", status_code=303)
    def save_followup(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, FOLLOWUP_ACTION, decision)
        form = FOLLOWUP.bind(data)
        refuse_on_followup(request, decision, form=form)
        values = dict(form.require_valid())
        note = values.pop("note") or ""
        update_followup(db, state.site, decision, state.actor, note=note, **values)
        audit.record_request(
            request, "decisions.followup.update", target=decision, status=str(values["status"])
        )
        return redirect(
            request, f"/admin/decisions/{decision.public_id}/follow-up", _("The follow-up is saved.")
        )

    @post("/{public_id:str}/milestones", status_code=303)
    def add_milestone(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, FOLLOWUP_ACTION, decision)
        form = MILESTONE.bind(data)
        refuse_on_followup(request, decision, milestone_form=form)
        values = form.require_valid()
        add_milestone(
            db,
            state.site,
            decision,
            state.actor,
            title=values["milestone_title"],
            planned_on=values["milestone_planned_on"],
            done_on=values["milestone_done_on"],
        )
        audit.record_request(
            request, "decisions.milestone.add", target=decision, milestone=values["milestone_title"]
        )
        return redirect(
            request, f"/admin/decisions/{decision.public_id}/follow-up", _("The milestone is added.")
        )

    @post("/{public_id:str}/milestones/{milestone_id:int}/done", status_code=303)
    def milestone_done(
        self,
        request: AnyRequest,
        db: DB,
        public_id: FromPath[str],
        milestone_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, FOLLOWUP_ACTION, decision)
        milestone = db.get(Milestone, milestone_id)
        if milestone is None or milestone.decision_id != decision.id:
            raise NotFoundException()
        backoffice.refuse_on_form(
            request,
            None,
            lambda refusal: followup_page(
                request,
                decision,
                error=refusal.message if refusal else None,
                status_code=refusal.status_code if refusal else 400,
            ),
            status_code=None,
        )
        try:
            done_on = datetime.strptime(str(data.get("done_on") or ""), "%Y-%m-%d").date()  # noqa: DTZ007 - a date
        except ValueError:
            raise Invalid(_("Enter a date like 2026-03-31.")) from None
        complete_milestone(db, state.site, milestone, state.actor, done_on)
        audit.record_request(
            request, "decisions.milestone.complete", target=decision, milestone=milestone.title
        )
        return redirect(
            request,
            f"/admin/decisions/{decision.public_id}/follow-up",
            _("The milestone is marked as reached."),
        )

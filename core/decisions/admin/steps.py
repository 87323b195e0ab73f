"""Back office of a decision: its overview, its workflow steps, the members' vote and the Council's."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis import audit
from parvis.decisions import timeline, transitions
from parvis.decisions import votes as votes_service
from parvis.decisions.followup import tracks_followup
from parvis.decisions.forms import COUNCIL_VOTE
from parvis.decisions.models import CouncilOutcome, Decision
from parvis.decisions.registry import registry
from parvis.decisions.routes_public import HELPERS
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web import backoffice
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import allowed, can, check
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath

from .common import BACK_OFFICE, FOLLOWUP_ACTION, MANAGE, PATH, VOTES, AnyRequest, decision_or_404


def detail_page(
    request: AnyRequest,
    db: Session,
    decision: Decision,
    *,
    council_form: BoundForm | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Template:
    state = state_of(request)
    site = state.site
    workflow = registry(site).workflow_of(decision)
    vote = votes_service.current_vote(db, decision)
    current = workflow.state(decision.state)
    return page(
        request,
        "decisions/admin/detail.html",
        decision=decision,
        workflow=workflow,
        state_obj=current,
        state_label=transitions.state_label(workflow, decision.state),
        type_label=registry(site).type_label(decision.type),
        steps=[
            (step, transitions.state_label(workflow, step.to), reason)
            for step, reason in transitions.available(db, site, decision, state.actor)
        ],
        vote=vote,
        participants=votes_service.participants(db, vote) if vote else 0,
        closed_votes=[v for v in decision.plenary_votes if not v.is_open],
        council_votes=decision.council_votes,
        council_form=council_form or COUNCIL_VOTE.bind(),
        entries=timeline.entries(db, site, decision),
        can_manage=allowed(state, MANAGE, decision),
        can_vote=allowed(state, VOTES, decision),
        can_followup=allowed(state, FOLLOWUP_ACTION, decision) and tracks_followup(site, decision),
        error=error,
        title=decision.title,
        status_code=status_code,
        **HELPERS,
    )


def refuse_on_detail(request: AnyRequest, db: Session, decision: Decision) -> None:
    """A refusal shows the decision's page again with why, status 409."""
    backoffice.refuse_on_form(
        request,
        None,
        lambda refusal: detail_page(request, db, decision, error=refusal.message if refusal else None),
        status_code=409,
    )


class DecisionStepsController(Controller):
    path = PATH

    @get("/{public_id:str}", guards=[BACK_OFFICE])
    def detail(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        return detail_page(request, db, decision_or_404(db, public_id))

    @post("/{public_id:str}/transition", guards=[can(MANAGE)], status_code=303)
    def move(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, MANAGE, decision)
        target = str(data.get("to") or "")[:64]
        refuse_on_detail(request, db, decision)
        transitions.transition(
            db, state.site, decision, target, state.actor, note=str(data.get("note") or "")[:2000]
        )
        audit.record_request(request, "decisions.decision.transition", target=decision, to=decision.state)
        return redirect(
            request, f"/admin/decisions/{decision.public_id}", _("The decision has moved to its next step.")
        )

    @post("/{public_id:str}/vote/open", guards=[can(VOTES)], status_code=303)
    def open_vote(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, VOTES, decision)
        refuse_on_detail(request, db, decision)
        votes_service.open_vote(db, state.site, decision, state.actor)
        audit.record_request(request, "decisions.vote.open", target=decision)
        return redirect(
            request, f"/admin/decisions/{decision.public_id}", _("The vote is open to the members.")
        )

    @post("/{public_id:str}/vote/close", guards=[can(VOTES)], status_code=303)
    def close_vote(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, VOTES, decision)
        refuse_on_detail(request, db, decision)
        vote = votes_service.current_vote(db, decision)
        if vote is None:
            raise Refused(_("No vote is open on this decision."))
        result = votes_service.close_vote(db, vote, state.actor)
        audit.record_request(request, "decisions.vote.close", target=decision, passed=result.passed)
        message = (
            _("The vote is closed: approved.") if result.passed else _("The vote is closed: not approved.")
        )
        return redirect(request, f"/admin/decisions/{decision.public_id}", message)

    @post("/{public_id:str}/council-vote", guards=[can(VOTES)], status_code=303)
    def council_vote(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = decision_or_404(db, public_id)
        check(state, VOTES, decision)
        form = COUNCIL_VOTE.bind(data)
        values = backoffice.submit(
            request, form, lambda refusal: detail_page(request, db, decision, council_form=form)
        )
        votes_service.record_council_vote(
            db,
            decision,
            state.actor,
            session_on=values["session_on"],
            outcome=CouncilOutcome(values["outcome"]),
            reference=values["council_reference"] or "",
            votes_for=values["votes_for"],
            votes_against=values["votes_against"],
            abstentions=values["abstentions"],
        )
        audit.record_request(
            request, "decisions.council_vote.record", target=decision, outcome=values["outcome"]
        )
        return redirect(
            request, f"/admin/decisions/{decision.public_id}", _("The Council's vote is recorded.")
        )

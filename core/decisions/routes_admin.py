"""The officials' back office for decisions: drafting, workflow steps, votes and follow-up.

Every handler has a guard for its action and checks the action again on the decision itself
(``guards.check``), so a plugin's ``permission_allowed`` can narrow it per body.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import QueryParameter
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import audit
from parvis.bodies.models import Body, Group, Term
from parvis.decisions import timeline, transitions
from parvis.decisions import votes as votes_service
from parvis.decisions.authoring import create_decision, update_decision
from parvis.decisions.followup import (
    FollowUpRefused,
    Reviewed,
    add_milestone,
    complete_milestone,
    record_review_meeting,
    tracks_followup,
    update_followup,
)
from parvis.decisions.forms import COUNCIL_VOTE, EDIT, FOLLOWUP, MILESTONE, decision_form, review_form
from parvis.decisions.models import CouncilOutcome, Decision, FollowUpStatus, Milestone
from parvis.decisions.registry import registry
from parvis.decisions.routes_public import HELPERS
from parvis.decisions.tracker import status_label
from parvis.decisions.transitions import TransitionRefused
from parvis.decisions.votes import VoteRefused
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import allowed, can, check
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath

# "body" is Litestar's name for the request body, so the query parameter ?body= needs an alias.
BodyQuery = Annotated[str | None, QueryParameter(name="body")]
MANAGE, FOLLOWUP_ACTION, VOTES = "decisions.manage", "decisions.record_followup", "decisions.run_votes"


BACK_OFFICE = can("decisions.back_office")


def _decision(db: Session, public_id: str) -> Decision:
    decision = db.scalar(select(Decision).where(Decision.public_id == public_id[:24]))
    if decision is None:
        raise NotFoundException()
    return decision


def _terms(db: Session) -> list[tuple[str, str]]:
    rows = db.execute(
        select(Term, Body).join(Body, Body.id == Term.body_id).order_by(Body.name, Term.starts_on.desc())
    ).all()
    return [(str(term.id), f"{body.name} — {term.label}") for term, body in rows]


def _groups(db: Session) -> list[tuple[str, str]]:
    rows = db.execute(
        select(Group, Body).join(Body, Body.id == Group.body_id).order_by(Body.name, Group.name)
    ).all()
    return [(str(group.id), f"{body.name} — {group.name}") for group, body in rows]


def _types(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    return [(code, str(t.label)) for code, t in registry(state_of(request).site).types.items()]


def _followup_initial(decision: Decision) -> dict[str, Any]:
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


class DecisionAdminController(Controller):
    path = "/admin/decisions"

    @get("/", guards=[BACK_OFFICE], name="admin-decisions")
    def index(
        self,
        request: Request[Any, Any, Any],
        db: DB,
        body_slug: BodyQuery = None,
    ) -> Template:
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

    # -- creating and editing ------------------------------------------------------------------

    @get("/new", guards=[can(MANAGE)])
    def new_form(self, request: Request[Any, Any, Any], db: DB) -> Template:
        form = decision_form(_terms(db), _types(request), _groups(db)).bind()
        return page(request, "decisions/admin/new.html", form=form, title=_("New decision"))

    @post("/new", guards=[can(MANAGE)], status_code=303)
    def create(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        form = decision_form(_terms(db), _types(request), _groups(db)).bind(data)
        if not form.valid:
            return page(
                request, "decisions/admin/new.html", form=form, title=_("New decision"), status_code=400
            )
        term = db.get(Term, int(form.values["term"]))
        if term is None:
            raise NotFoundException()
        group = db.get(Group, int(form.values["group"])) if form.values["group"] else None
        if group is not None and group.body_id != term.body_id:
            form.add_error("group", _("This workshop belongs to another body."))
            return page(
                request, "decisions/admin/new.html", form=form, title=_("New decision"), status_code=400
            )
        body = db.get(Body, term.body_id)
        check(state, MANAGE, body)
        decision = create_decision(
            db,
            state.site,
            body=body,  # type: ignore[arg-type]
            term=term,
            decision_type=form.values["type"],
            title=form.values["title"],
            actor=state.actor,
            group=group,
            **{k: form.values[k] or "" for k in ("reference", "topic", "summary", "text")},
        )
        db.commit()
        return redirect(request, f"/admin/decisions/{decision.public_id}", _("The decision is created."))

    @get("/{public_id:str}/edit", guards=[can(MANAGE)])
    def edit_form(self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str]) -> Template:
        decision = _decision(db, public_id)
        check(state_of(request), MANAGE, decision)
        initial = {k: getattr(decision, k) for k in ("title", "reference", "topic", "summary", "text")}
        return self._edit_page(request, decision, EDIT.bind(initial=initial))

    def _edit_page(
        self,
        request: Request[Any, Any, Any],
        decision: Decision,
        form: BoundForm,
        error: str | None = None,
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
            error=error,
            title=_("Edit: {title}").format(title=decision.title),
            status_code=status_code,
        )

    @post("/{public_id:str}/edit", guards=[can(MANAGE)], status_code=303)
    def edit(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, MANAGE, decision)
        form = EDIT.bind(data)
        if not form.valid:
            return self._edit_page(request, decision, form, status_code=400)
        try:
            update_decision(db, state.site, decision, state.actor, **form.values)
        except TransitionRefused as refused:
            return self._edit_page(request, decision, form, refused.reason, status_code=409)
        db.commit()
        return redirect(request, f"/admin/decisions/{decision.public_id}", _("The text is saved."))

    # -- overview, workflow steps and votes ------------------------------------------------------

    @get("/{public_id:str}", guards=[BACK_OFFICE])
    def detail(self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str]) -> Template:
        return self._detail(request, db, _decision(db, public_id))

    def _detail(
        self,
        request: Request[Any, Any, Any],
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

    @post("/{public_id:str}/transition", guards=[can(MANAGE)], status_code=303)
    def move(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, MANAGE, decision)
        target = str(data.get("to") or "")[:64]
        try:
            transitions.transition(
                db, state.site, decision, target, state.actor, note=str(data.get("note") or "")[:2000]
            )
        except TransitionRefused as refused:
            db.rollback()
            return self._detail(request, db, decision, error=refused.reason, status_code=409)
        audit.record_request(request, "decisions.decision.transition", target=decision, to=decision.state)
        db.commit()
        return redirect(
            request, f"/admin/decisions/{decision.public_id}", _("The decision has moved to its next step.")
        )

    @post("/{public_id:str}/vote/open", guards=[can(VOTES)], status_code=303)
    def open_vote(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str]
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, VOTES, decision)
        try:
            votes_service.open_vote(db, state.site, decision, state.actor)
        except VoteRefused as refused:
            db.rollback()
            return self._detail(request, db, decision, error=refused.reason, status_code=409)
        audit.record_request(request, "decisions.vote.open", target=decision)
        db.commit()
        return redirect(
            request, f"/admin/decisions/{decision.public_id}", _("The vote is open to the members.")
        )

    @post("/{public_id:str}/vote/close", guards=[can(VOTES)], status_code=303)
    def close_vote(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str]
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, VOTES, decision)
        vote = votes_service.current_vote(db, decision)
        if vote is None:
            return self._detail(
                request, db, decision, error=_("No vote is open on this decision."), status_code=409
            )
        try:
            result = votes_service.close_vote(db, vote, state.actor)
        except VoteRefused as refused:
            db.rollback()
            return self._detail(request, db, decision, error=refused.reason, status_code=409)
        audit.record_request(request, "decisions.vote.close", target=decision, passed=result.passed)
        db.commit()
        message = (
            _("The vote is closed: approved.") if result.passed else _("The vote is closed: not approved.")
        )
        return redirect(request, f"/admin/decisions/{decision.public_id}", message)

    @post("/{public_id:str}/council-vote", guards=[can(VOTES)], status_code=303)
    def council_vote(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, VOTES, decision)
        form = COUNCIL_VOTE.bind(data)
        if not form.valid:
            return self._detail(request, db, decision, council_form=form, status_code=400)
        values = form.values
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
        db.commit()
        return redirect(
            request, f"/admin/decisions/{decision.public_id}", _("The Council's vote is recorded.")
        )

    # -- follow-up -------------------------------------------------------------------------------

    @get("/{public_id:str}/follow-up", guards=[can(FOLLOWUP_ACTION)])
    def followup_form(self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str]) -> Template:
        decision = _decision(db, public_id)
        check(state_of(request), FOLLOWUP_ACTION, decision)
        return self._followup_page(request, decision)

    def _followup_page(
        self,
        request: Request[Any, Any, Any],
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
            form=form or FOLLOWUP.bind(initial=_followup_initial(decision)),
            milestone_form=milestone_form or MILESTONE.bind(),
            milestones=decision.milestones,
            today=site.today(),
            error=error,
            title=_("Follow-up: {title}").format(title=decision.title),
            status_code=status_code,
        )

    @post("/{public_id:str}/follow-up", guards=[can(FOLLOWUP_ACTION)], status_code=303)
    def save_followup(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, FOLLOWUP_ACTION, decision)
        form = FOLLOWUP.bind(data)
        if form.valid:
            values = dict(form.values)
            note = values.pop("note") or ""
            try:
                update_followup(db, state.site, decision, state.actor, note=note, **values)
            except FollowUpRefused as refused:
                db.rollback()
                if refused.field:
                    form.add_error(refused.field, refused.reason)
                else:
                    return self._followup_page(
                        request, decision, form=form, error=refused.reason, status_code=409
                    )
        if not form.valid:
            return self._followup_page(request, decision, form=form, status_code=400)
        audit.record_request(
            request, "decisions.followup.update", target=decision, status=str(form.values["status"])
        )
        db.commit()
        return redirect(
            request, f"/admin/decisions/{decision.public_id}/follow-up", _("The follow-up is saved.")
        )

    @post("/{public_id:str}/milestones", guards=[can(FOLLOWUP_ACTION)], status_code=303)
    def add_milestone(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, FOLLOWUP_ACTION, decision)
        form = MILESTONE.bind(data)
        if not form.valid:
            return self._followup_page(request, decision, milestone_form=form, status_code=400)
        try:
            add_milestone(
                db,
                state.site,
                decision,
                state.actor,
                title=form.values["milestone_title"],
                planned_on=form.values["milestone_planned_on"],
                done_on=form.values["milestone_done_on"],
            )
        except FollowUpRefused as refused:
            db.rollback()
            return self._followup_page(
                request, decision, milestone_form=form, error=refused.reason, status_code=409
            )
        audit.record_request(
            request, "decisions.milestone.add", target=decision, milestone=form.values["milestone_title"]
        )
        db.commit()
        return redirect(
            request, f"/admin/decisions/{decision.public_id}/follow-up", _("The milestone is added.")
        )

    @post(
        "/{public_id:str}/milestones/{milestone_id:int}/done", guards=[can(FOLLOWUP_ACTION)], status_code=303
    )
    def milestone_done(
        self,
        request: Request[Any, Any, Any],
        db: DB,
        public_id: FromPath[str],
        milestone_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        state = state_of(request)
        decision = _decision(db, public_id)
        check(state, FOLLOWUP_ACTION, decision)
        milestone = db.get(Milestone, milestone_id)
        if milestone is None or milestone.decision_id != decision.id:
            raise NotFoundException()
        try:
            done_on = datetime.strptime(str(data.get("done_on") or ""), "%Y-%m-%d").date()  # noqa: DTZ007 - a date
        except ValueError:
            return self._followup_page(
                request, decision, error=_("Enter a date like 2026-03-31."), status_code=400
            )
        try:
            complete_milestone(db, state.site, milestone, state.actor, done_on)
        except FollowUpRefused as refused:
            db.rollback()
            return self._followup_page(request, decision, error=refused.reason, status_code=409)
        audit.record_request(
            request, "decisions.milestone.complete", target=decision, milestone=milestone.title
        )
        db.commit()
        return redirect(
            request,
            f"/admin/decisions/{decision.public_id}/follow-up",
            _("The milestone is marked as reached."),
        )


class ReviewMeetingController(Controller):
    """Public follow-up meetings reviewing recommendations one by one."""

    path = "/admin/follow-up-meetings"
    guards = [can(FOLLOWUP_ACTION)]

    def _choices(self, db: Session, request: Request[Any, Any, Any], body: Body) -> list[tuple[str, str]]:
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
    def new_form(self, request: Request[Any, Any, Any], db: DB, body_slug: BodyQuery = None) -> Template:
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
        self, request: Request[Any, Any, Any], db: DB, data: FormData, body_slug: BodyQuery = None
    ) -> Template | Redirect:
        state = state_of(request)
        chosen = self._body(db, body_slug)
        check(state, FOLLOWUP_ACTION, chosen)
        form = review_form(self._choices(db, request, chosen)).bind(data)
        if form.valid and form.values["ends_at"] <= form.values["starts_at"]:
            form.add_error("ends_at", _("The end must be after the start."))
        if not form.valid:
            bodies = db.scalars(select(Body).where(Body.active).order_by(Body.name)).all()
            return page(
                request,
                "decisions/admin/review.html",
                bodies=bodies,
                body=chosen,
                form=form,
                title=_("Record a follow-up meeting"),
                status_code=400,
            )
        by_id = {
            d.public_id: d
            for d in db.scalars(select(Decision).where(Decision.public_id.in_(form.values["decisions"])))
        }
        record_review_meeting(
            db,
            chosen,
            state.actor,
            title=form.values["title"],
            starts_at=form.values["starts_at"],
            ends_at=form.values["ends_at"],
            place=form.values["place"] or "",
            minutes=form.values["minutes"] or "",
            reviewed=[Reviewed(by_id[p]) for p in form.values["decisions"] if p in by_id],
        )
        db.commit()
        message = _("The follow-up meeting is recorded ({count} reviewed).").format(count=len(by_id))
        return redirect(request, f"/bodies/{chosen.slug}/follow-up", message)

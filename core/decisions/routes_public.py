"""Public pages of the right-to-follow-up tracker, and members' comments and ballots.

Filters are plain GET parameters, so every view has a shareable URL and works without
JavaScript; htmx only swaps the results in place (``hx-get`` + ``hx-push-url``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis import audit
from parvis.bodies.models import Body
from parvis.content_translations.view import translated
from parvis.decisions import exports, text, timeline, tracker, transitions
from parvis.decisions import votes as votes_service
from parvis.decisions.forms import BALLOT
from parvis.decisions.models import BallotChoice, Decision, FollowUpEvent
from parvis.decisions.registry import registry
from parvis.decisions.votes import VoteRefused
from parvis.i18n import _
from parvis.jobs.web import cached_or_job_page
from parvis.refusals import Refused
from parvis.web.context import RequestState, state_of
from parvis.web.guards import allowed, check, public, signed_in
from parvis.web.navigation import HomePanel
from parvis.web.render import page, redirect, url
from parvis.web.types import DB, FormData, FromPath, FromQuery
from parvis.web.unit_of_work import on_refusal

# Helpers every decisions template may use.
HELPERS: dict[str, Any] = {
    "status_label": tracker.status_label,
    "labelled": text.labelled,
    "pct": text.percent,
    "colon": text.colon,
}


def home_panel(request: Request[Any, Any, Any], db: Session) -> HomePanel:
    """The home page's way in: "Right to follow-up", with how many measures are done."""
    from parvis.decisions.models import FollowUp, FollowUpStatus

    statuses = Counter(db.scalars(select(FollowUp.status)))
    total, done = sum(statuses.values()), statuses.get(FollowUpStatus.DONE, 0)
    text = _(
        "What has the City done with each recommendation of the citizens' bodies? "
        "Its response, status and progress, measure by measure."
    )
    if total:
        text += " " + _("{done} of {total} measures done.").format(done=done, total=total)
    return HomePanel(
        title=_("Right to follow-up"),
        text=text,
        href=url(request, "/follow-up"),
        link_label=_("Follow the recommendations"),
        order=20,
    )


def body_or_404(db: Session, slug: str) -> Body:
    body = db.scalar(select(Body).where(Body.slug == slug, Body.active))
    if body is None:
        raise NotFoundException()
    return body


def filters_from(
    term: FromQuery[str | None] = None,
    status: FromQuery[str | None] = None,
    topic: FromQuery[str | None] = None,
    department: FromQuery[str | None] = None,
    q: FromQuery[str | None] = None,
) -> tracker.Filters:
    """The follow-up's filters, from the query string of every page and export that shows it
    (``FILTERS``). Unknown values simply match nothing; overly long ones are cut (never an error page)."""

    def clean(value: str | None, limit: int = 200) -> str | None:
        value = (value or "").strip()[:limit]
        return value or None

    return tracker.Filters(clean(term, 40), clean(status, 32), clean(topic), clean(department), clean(q))


# A handler showing the follow-up takes ``filters: NamedDependency[tracker.Filters]``.
FILTERS = {"filters": Provide(filters_from, sync_to_thread=False)}


def visible(state: RequestState, decision: Decision) -> bool:
    """Public states for everyone; drafts only for the body's members and officials."""
    workflow = registry(state.site).workflow_of(decision)
    current = workflow.state(decision.state)
    if current is not None and current.public:
        return True
    return state.actor.has_role("member", decision.body_id) or allowed(state, "decisions.manage", decision)


def load_decision(db: Session, state: RequestState, public_id: str) -> Decision:
    decision = db.scalar(select(Decision).where(Decision.public_id == public_id[:24]))
    if decision is None or not visible(state, decision):
        raise NotFoundException()
    return decision


class DecisionPublicController(Controller):
    path = "/"
    guards = [public]

    @get("/follow-up", name="followup-index")
    def index(self, request: Request[Any, Any, Any], db: DB) -> Template:
        state = state_of(request)
        today = state.site.today()
        bodies = db.scalars(select(Body).where(Body.active).order_by(Body.name)).all()
        trackers = [tracker.build(db, state.site, body, tracker.Filters(), today) for body in bodies]
        return page(
            request,
            "decisions/followup_index.html",
            trackers=[t for t in trackers if t.all_rows],
            title=_("Right to follow-up"),
            **HELPERS,
        )

    @get("/bodies/{slug:str}/follow-up", name="followup-body", dependencies=FILTERS)
    def body_followup(
        self,
        request: Request[Any, Any, Any],
        db: DB,
        slug: FromPath[str],
        filters: NamedDependency[tracker.Filters],
    ) -> Template:
        state = state_of(request)
        body = body_or_404(db, slug)
        found = tracker.build(db, state.site, body, filters, state.site.today())
        return page(
            request,
            "decisions/followup_body.html",
            body=body,
            tracker=found,
            filters=filters,
            statuses=[(code, tracker.status_label(code)) for code in tracker.STATUS_ORDER],
            kinds=state.site.body_kinds,
            registry=registry(state.site),
            today=state.site.today(),
            title=_("Right to follow-up: {body}").format(body=translated(request, body, "name")),
            **HELPERS,
        )

    @get("/bodies/{slug:str}/follow-up/report", name="followup-report", dependencies=FILTERS)
    def report(
        self,
        request: Request[Any, Any, Any],
        *,
        db: DB,
        slug: FromPath[str],
        filters: NamedDependency[tracker.Filters],
        format: FromQuery[str | None] = None,  # noqa: A002 - the public parameter's name
    ) -> Template | Response[bytes] | Redirect:
        """The printable report; as PDF (``format=pdf``) made once by a job, then from its cache."""
        state = state_of(request)
        body = body_or_404(db, slug)
        if format == "pdf":
            version = db.scalar(
                select(func.max(FollowUpEvent.id))
                .join(Decision, Decision.id == FollowUpEvent.decision_id)
                .where(Decision.body_id == body.id)
            )
            today = state.site.today()
            name = f"{body.slug}-follow-up{'-' + filters.term if filters.term else ''}.pdf"
            query = {k: v for k, v in asdict(filters).items() if v}
            return cached_or_job_page(
                request,
                db,
                "decisions.followup_pdf",
                cache_key=exports.pdf_key(body, filters, state.locale, today, version),
                return_to=f"/bodies/{body.slug}/follow-up/report" + (f"?{urlencode(query)}" if query else ""),
                body=body.slug,
                filters=asdict(filters),
                day=today.isoformat(),
                name=exports.safe_filename(name),
                url=f"/bodies/{body.slug}/follow-up/report?{urlencode({**query, 'format': 'pdf'})}",
            )
        today = state.site.today()
        found = tracker.build(db, state.site, body, filters, today)
        # The same template and context as the PDF (exports.pdf_report), so the two never differ.
        return page(
            request, "decisions/report.html", **exports.report_context(state.site, found, filters, today)
        )

    @get("/decisions/{public_id:str}", name="decision")
    def detail(self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str]) -> Template:
        state = state_of(request)
        decision = load_decision(db, state, public_id)
        return self._render(request, db, decision)

    def _render(
        self,
        request: Request[Any, Any, Any],
        db: Session,
        decision: Decision,
        *,
        ballot_form: Any = None,
        refusal: Refused | None = None,
        status_code: int = 200,
    ) -> Template:
        state = state_of(request)
        site = state.site
        today = site.today()
        workflow = registry(site).workflow_of(decision)
        vote = votes_service.current_vote(db, decision)
        person_id = state.actor.person_id
        can_vote = bool(
            vote
            and allowed(state, "decisions.vote", decision)
            and votes_service.may_vote(db, decision, person_id)
        )
        return page(
            request,
            "decisions/detail.html",
            decision=decision,
            row=tracker.row_for(site, decision, today),
            state_obj=workflow.state(decision.state),
            workflow=workflow,
            type_label=registry(site).type_label(decision.type),
            entries=timeline.entries(db, site, decision),
            milestones=decision.milestones,
            council_votes=decision.council_votes,
            closed_votes=[v for v in decision.plenary_votes if not v.is_open],
            vote=vote,
            participants=votes_service.participants(db, vote) if vote else 0,
            can_vote=can_vote,
            has_voted=bool(vote and votes_service.has_voted(db, vote, person_id)),
            ballot_form=ballot_form or BALLOT.bind(),
            can_manage=allowed(state, "decisions.record_followup", decision)
            or allowed(state, "decisions.manage", decision),
            error=refusal.message if refusal else None,
            today=today,
            member_steps=[
                (step, transitions.state_label(workflow, step.to), reason)
                for step, reason in transitions.available(db, site, decision, state.actor)
                if "member" in step.roles and state.actor.has_role("member", decision.body_id)
            ],
            title=translated(request, decision, "title"),
            status_code=status_code,
            **HELPERS,
        )

    @post("/decisions/{public_id:str}/ballot", guards=[signed_in], status_code=303)
    def ballot(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        decision = load_decision(db, state, public_id)
        check(state, "decisions.vote", decision)
        form = BALLOT.bind(data)
        vote = votes_service.current_vote(db, decision)
        on_refusal(
            request,
            lambda refusal: self._render(request, db, decision, ballot_form=form, refusal=refusal),
            form=form,
        )
        values = form.require_valid()
        if vote is None:
            raise VoteRefused(_("No vote is open on this decision."))
        votes_service.cast_ballot(db, vote, state.actor.person_id, BallotChoice(values["choice"]))
        return redirect(request, f"/decisions/{decision.public_id}", _("Your vote is recorded."))

    @post("/decisions/{public_id:str}/transition", guards=[signed_in], status_code=303)
    def move(
        self, request: Request[Any, Any, Any], db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        """A workflow step open to members (a city's workflow may let them withdraw a draft).

        The workflow's roles are the rule here: ``transition`` refuses anyone else.
        """
        state = state_of(request)
        decision = load_decision(db, state, public_id)
        on_refusal(request, lambda refusal: self._render(request, db, decision, refusal=refusal))
        transitions.transition(db, state.site, decision, str(data.get("to") or "")[:64], state.actor)
        audit.record_request(request, "decisions.decision.transition", target=decision, to=decision.state)
        return redirect(
            request, f"/decisions/{decision.public_id}", _("The decision has moved to its next step.")
        )

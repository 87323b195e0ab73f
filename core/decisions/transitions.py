"""Moving a decision from one workflow state to another, or saying precisely why not.

The checks run in a fixed order so the reason given is the most useful one: is the move in the
workflow at all, may this person make it, do its conditions hold (a plenary vote passed, the
Council's vote recorded), and does any plugin veto it through ``validate_decision_transition``
(the youth council's "one vœu per year").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.decisions import history
from parvis.decisions.models import (
    CouncilOutcome,
    CouncilVote,
    Decision,
    FollowUp,
    FollowUpEvent,
    PlenaryVote,
)
from parvis.decisions.registry import registry
from parvis.decisions.workflow import Transition, Workflow
from parvis.formatting import site_timezone
from parvis.i18n import _
from parvis.permissions import ROLE_LABELS
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site


class TransitionRefused(Refused):
    """The move is not allowed now; ``message`` is a translated sentence to show to the person."""


def _plenary_vote_passed(db: Session, decision: Decision) -> str | None:
    vote = db.scalar(
        select(PlenaryVote)
        .where(PlenaryVote.decision_id == decision.id, PlenaryVote.closed_at.is_not(None))
        .order_by(PlenaryVote.id.desc())
        .limit(1)
    )
    if vote is None:
        return _("The members have not voted on it yet: open and close a plenary vote first.")
    if not vote.quorum_reached:
        return _("The last plenary vote did not reach the quorum.")
    if not vote.passed:
        return _("The last plenary vote did not approve it.")
    return None


def _council_outcome(expected: CouncilOutcome) -> Callable[[Session, Decision], str | None]:
    def check(db: Session, decision: Decision) -> str | None:
        vote = db.scalar(
            select(CouncilVote)
            .where(CouncilVote.decision_id == decision.id)
            .order_by(CouncilVote.id.desc())
            .limit(1)
        )
        if vote is None:
            return _("Record the vote of {site.council:the} first.")
        if vote.outcome != expected:
            return _("The recorded vote of {site.council:the} does not match this step.")
        return None

    return check


REQUIREMENTS: dict[str, Callable[[Session, Decision], str | None]] = {
    "plenary_vote_passed": _plenary_vote_passed,
    "council_adopted": _council_outcome(CouncilOutcome.ADOPTED),
    "council_rejected": _council_outcome(CouncilOutcome.REJECTED),
}


def state_label(workflow: Workflow, name: str) -> str:
    state = workflow.state(name)
    return _(state.label) if state else name


def refusal(db: Session, site: Site, decision: Decision, step: Transition, actor: Actor) -> str | None:
    """Why ``actor`` may not make ``step`` now, or None when they may."""
    if not actor.authenticated:
        return _("Please sign in to continue.")
    if not any(actor.has_role(role, decision.body_id) for role in step.roles):
        roles = ", ".join(_(ROLE_LABELS.get(role, role)) for role in step.roles)
        return _("Only these roles may do this: {roles}.").format(roles=roles)
    for requirement in step.requires:
        reason = REQUIREMENTS[requirement](db, decision)
        if reason:
            return reason
    for reason in site.hook.validate_decision_transition(
        site=site, db=db, decision=decision, transition=step, actor=actor
    ):
        if reason:
            return str(reason)
    return None


def available(
    db: Session, site: Site, decision: Decision, actor: Actor
) -> list[tuple[Transition, str | None]]:
    """Every move out of the current state, each with the reason it is refused (None: allowed)."""
    workflow = registry(site).workflow_of(decision)
    return [
        (step, refusal(db, site, decision, step, actor))
        for step in workflow.transitions
        if decision.state in step.sources
    ]


def transition(
    db: Session, site: Site, decision: Decision, to_state: str, actor: Actor, *, note: str = ""
) -> None:
    """Move ``decision`` to ``to_state`` or raise TransitionRefused; the caller commits."""
    workflow = registry(site).workflow_of(decision)
    step = workflow.transition(decision.state, to_state)
    if step is None:
        if workflow.state(to_state) is None:
            raise TransitionRefused(_("There is no step called '{name}'.").format(name=to_state))
        raise TransitionRefused(
            _("A decision cannot go from “{current}” to “{target}”.").format(
                current=state_label(workflow, decision.state), target=state_label(workflow, to_state)
            )
        )
    reason = refusal(db, site, decision, step, actor)
    if reason:
        raise TransitionRefused(reason)
    before = decision.state
    decision.state = to_state
    decision.state_changed_at = history.now()
    history.record(db, decision, "transition", actor, {"state": [before, to_state]}, note=note)
    target = workflow.state(to_state)
    if target is not None and target.followup and decision.followup is None:
        decision.followup = FollowUp(decision_id=decision.id)
    db.flush()
    site.hook.decision_transitioned(site=site, db=db, decision=decision, transition=step, actor=actor)


def reached_in_year(db: Session, body_id: int, decision_type: str, state: str, year: int) -> list[Decision]:
    """Decisions of a body and type that entered ``state`` during ``year`` (site time zone).

    Plugins use it for yearly limits, e.g. "one vœu per year to the Council".
    """
    zone = site_timezone()
    start = datetime.combine(date(year, 1, 1), time(), zone)
    end = datetime.combine(date(year + 1, 1, 1), time(), zone)
    rows = db.execute(
        select(Decision, FollowUpEvent.changes)
        .join(FollowUpEvent, FollowUpEvent.decision_id == Decision.id)
        .where(
            Decision.body_id == body_id,
            Decision.type == decision_type,
            FollowUpEvent.kind == "transition",
            FollowUpEvent.at >= start,
            FollowUpEvent.at < end,
        )
    ).all()
    found: dict[int, Decision] = {}
    for decision, changes in rows:
        if (changes or {}).get("state", [None, None])[1] == state:
            found[decision.id] = decision
    return list(found.values())

"""Moving a decision from one workflow state to another, or saying precisely why not.

Decisions are the life cycle ``decisions.decision`` of the workflow engine (``parvis.workflows``):
this module declares it (roles, conditions, the plugins' veto ``validate_decision_transition``,
the public follow-up history) and keeps the names the decisions' pages use. The checks run in the
engine's fixed order: is the move in the workflow at all, may this person make it, do its
conditions hold (a plenary vote passed, the Council's vote recorded), and does any plugin veto it
(the youth council's "one vœu per year").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
from parvis.decisions.workflow import BUILTIN_FILE, FLAGS, Transition, Workflow
from parvis.formatting import site_timezone
from parvis.i18n import N_, _
from parvis.permissions import ROLE_LABELS
from parvis.workflows import engine
from parvis.workflows.engine import TransitionRefused, state_label
from parvis.workflows.lifecycle import LifeCycle, Move, Role
from parvis.workflows.model import problems as workflow_problems

if TYPE_CHECKING:
    from parvis.site import Site

__all__ = ["DECISION", "TransitionRefused", "available", "life_cycle", "state_label", "transition"]

DECISION = "decisions.decision"  # the life cycle's kind


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


def _role(role: str) -> Role:
    return Role(
        ROLE_LABELS.get(role, role), lambda site, actor, decision: actor.has_role(role, decision.body_id)
    )


def _condition(check: Callable[[Session, Decision], str | None]) -> Callable[[Move], str | None]:
    return lambda move: check(move.db, move.subject)


def _veto(move: Move) -> str | None:
    for reason in move.site.hook.validate_decision_transition(
        site=move.site, db=move.db, decision=move.subject, transition=move.transition, actor=move.actor
    ):
        if reason:
            return str(reason)
    return None


def _record(move: Move) -> None:
    """Decisions keep their own public, append-only history (the right to follow-up)."""
    decision = move.subject
    decision.state_changed_at = history.now()
    history.record(
        move.db, decision, "transition", move.actor, {"state": [move.source, move.target]}, note=move.comment
    )


def _after(move: Move) -> None:
    decision = move.subject
    target = move.workflow.state(move.target)
    if target is not None and target.followup and decision.followup is None:
        decision.followup = FollowUp(decision_id=decision.id)
    move.db.flush()
    move.site.hook.decision_transitioned(
        site=move.site, db=move.db, decision=decision, transition=move.transition, actor=move.actor
    )


def _more_workflows(site: Site) -> Iterable[Workflow]:
    """The plugins' ``register_workflows``, then the city's ``[settings.decisions.workflows]``."""
    from parvis.config import ConfigError

    found: list[Workflow] = []
    # pluggy answers the last-registered plugin first; reversed, plugins override in their order.
    for workflows in reversed(site.hook.register_workflows()):
        for workflow in workflows or ():
            problems = workflow_problems(workflow, life_cycle().vocabulary(None))
            if problems:
                key, reason = problems[0]
                raise ConfigError(
                    _("Workflow '{name}' declared by a plugin is not valid: {key}: {reason}").format(
                        name=workflow.name, key=key, reason=reason
                    )
                )
            found.append(workflow)
    found.extend(site.settings("decisions").workflows.values())
    return found


def life_cycle() -> LifeCycle:
    """Decisions as a life cycle of the workflow engine (declared by ``parvis.decisions``)."""
    return LifeCycle(
        kind=DECISION,
        label=N_("Decisions"),
        file=BUILTIN_FILE,
        roles={role: _role(role) for role in ("member", "official", "admin")},
        flags=FLAGS,
        conditions={name: _condition(check) for name, check in REQUIREMENTS.items()},
        attribute="state",
        workflow_of=lambda decision: decision.workflow,
        more_workflows=_more_workflows,
        veto=_veto,
        after=_after,
        record=_record,
        not_possible=N_("A decision cannot go from “{current}” to “{target}”."),
    )


def refusal(db: Session, site: Site, decision: Decision, step: Transition, actor: Actor) -> str | None:
    """Why ``actor`` may not make ``step`` now, or None when they may."""
    return engine.refusal(engine.prepare(db, site, DECISION, decision, step, actor=actor))


def available(
    db: Session, site: Site, decision: Decision, actor: Actor
) -> list[tuple[Transition, str | None]]:
    """Every move out of the current state, each with the reason it is refused (None: allowed)."""
    return engine.available(db, site, DECISION, decision, actor)


def transition(
    db: Session, site: Site, decision: Decision, to_state: str, actor: Actor, *, note: str = ""
) -> None:
    """Move ``decision`` to ``to_state`` or raise TransitionRefused; the caller commits."""
    engine.move(db, site, DECISION, decision, to_state, actor=actor, comment=note)


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

"""Moving something through its workflow, or saying precisely why not.

The checks run in a fixed order so the reason given is the most useful one: is the move in the
workflow at all, may this person make it (the transition's roles), is a comment given when the
transition asks for one, do its conditions hold, and does the life cycle veto it. Then the state
changes, one history row is written, and the transition's effects run, all in the caller's unit
of work (a refusal raised by an effect rolls everything back).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.i18n import _
from parvis.refusals import Refused
from parvis.workflows.lifecycle import LifeCycle, Move, life_cycles, site_of_session
from parvis.workflows.model import State, Transition, Workflow
from parvis.workflows.models import WorkflowEvent

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.site import Site


class TransitionRefused(Refused):
    """The move is not allowed; ``message`` (also ``reason``) is a translated sentence for the person."""


def state_name(cycle: LifeCycle, subject: Any) -> str:
    value = getattr(subject, cycle.attribute)
    return str(value.value if isinstance(value, enum.Enum) else value)


def state_label(workflow: Workflow, name: str) -> str:
    state = workflow.state(name)
    return _(state.label) if state else name


def current_state(site: Site, kind: str, subject: Any) -> State | None:
    """The state ``subject`` is in, with its label and flags (None if its workflow lost it)."""
    declared = life_cycles(site)
    return declared.workflow(kind, subject).state(state_name(declared.life_cycle(kind), subject))


def in_states_where(site: Site, kind: str, subject: Any, flag: str) -> bool:
    """Whether ``subject``'s state carries ``flag`` (``editable``, ``public``...)."""
    state = current_state(site, kind, subject)
    return bool(state and state.has(flag))


def initial_state(site: Site, kind: str, subject: Any = None) -> str:
    return life_cycles(site).workflow(kind, subject).initial


def prepare(
    db: Session,
    site: Site,
    kind: str,
    subject: Any,
    step: Transition,
    *,
    actor: Actor | None,
    comment: str = "",
) -> Move:
    """The ``Move`` of ``step`` for ``subject``, as conditions, vetoes and effects see it."""
    declared = life_cycles(site)
    cycle = declared.life_cycle(kind)
    return Move(
        site=site,
        db=db,
        life_cycle=cycle,
        workflow=declared.workflow(kind, subject),
        subject=subject,
        transition=step,
        source=state_name(cycle, subject),
        target=step.to,
        actor=actor,
        comment=comment,
    )


def role_refusal(move: Move) -> str | None:
    """Why the actor may not make this move for their role, or None (the platform always may)."""
    actor, step, cycle = move.actor, move.transition, move.life_cycle
    if actor is None:
        return None
    if not actor.authenticated:
        return _("Please sign in to continue.")
    if any(
        cycle.roles[role].holds(move.site, actor, move.subject) for role in step.roles if role in cycle.roles
    ):
        return None
    roles = ", ".join(_(cycle.roles[role].label) for role in step.roles if role in cycle.roles)
    return _("Only these roles may do this: {roles}.").format(roles=roles)


def refusal(move: Move) -> str | None:
    """Why ``move.actor`` may not make ``move.transition`` now, or None when they may."""
    reason = role_refusal(move)
    if reason:
        return reason
    for requirement in move.transition.requires:
        reason = move.life_cycle.conditions[requirement](move)
        if reason:
            return reason
    if move.life_cycle.veto is not None:
        return move.life_cycle.veto(move)
    return None


def available(
    db: Session, site: Site, kind: str, subject: Any, actor: Actor | None
) -> list[tuple[Transition, str | None]]:
    """Every move out of the current state, each with the reason it is refused (None: allowed)."""
    declared = life_cycles(site)
    source = state_name(declared.life_cycle(kind), subject)
    return [
        (step, refusal(prepare(db, site, kind, subject, step, actor=actor)))
        for step in declared.workflow(kind, subject).transitions
        if source in step.sources
    ]


def allowed_moves(db: Session, site: Site, kind: str, subject: Any, actor: Actor | None) -> list[Transition]:
    """The moves ``actor`` may make now (for the buttons of a page)."""
    return [step for step, reason in available(db, site, kind, subject, actor) if reason is None]


def find(site: Site, kind: str, subject: Any, target: str) -> Transition:
    """The transition out of ``subject``'s state named (or going to) ``target``; refused if none."""
    declared = life_cycles(site)
    cycle = declared.life_cycle(kind)
    workflow = declared.workflow(kind, subject)
    source = state_name(cycle, subject)
    step = workflow.transition(source, target)
    if step is not None:
        return step
    if workflow.state(target) is None and workflow.named(target) is None:
        raise TransitionRefused(_("There is no step called '{name}'.").format(name=target))
    goes_to = workflow.named(target)
    target_name = goes_to.to if goes_to is not None and workflow.state(target) is None else target
    raise TransitionRefused(
        _(cycle.not_possible).format(
            current=state_label(workflow, source), target=state_label(workflow, target_name)
        )
    )


def move(
    db: Session,
    site: Site,
    kind: str,
    subject: Any,
    target: str,
    *,
    actor: Actor | None,
    comment: str = "",
) -> Transition:
    """Move ``subject`` by the transition named (or going to) ``target``, or raise TransitionRefused.

    ``move(db, site, "volunteers.mission", mission, "publish", actor=actor, comment="")``.

    ``actor`` None is the platform itself (a vote count, a merge): only its roles are not checked.
    The caller's unit of work commits.
    """
    step = find(site, kind, subject, target)
    made = prepare(db, site, kind, subject, step, actor=actor, comment=comment.strip())
    reason = refusal(made)
    if reason:
        raise TransitionRefused(reason, status_code=403 if role_refusal(made) else None)
    if step.comment and not made.comment:
        raise TransitionRefused(_(made.life_cycle.comment_missing), "comment", status_code=400)
    setattr(subject, made.life_cycle.attribute, _coerce(getattr(subject, made.life_cycle.attribute), step.to))
    if made.life_cycle.record is not None:
        made.life_cycle.record(made)
    else:
        record(db, made)
    db.flush()
    effects = life_cycles(site).effects
    for key in step.effects:
        effects[key].run(made)
    if made.life_cycle.after is not None:
        made.life_cycle.after(made)
    _reindex(db, site, kind, subject)
    from parvis.notifications.wiring import workflow_moved

    workflow_moved(made)  # followers of the subject are told (parvis.notifications)
    return step


def move_unless_there(
    db: Session, kind: str, subject: Any, target: str, *, actor: Actor | None, comment: str = ""
) -> None:
    """``move`` on the session's site, doing nothing if ``subject`` already is where the transition
    named ``target`` leads: services call it again when a page is submitted twice."""
    site = site_of_session(db)
    declared = life_cycles(site)
    step = declared.workflow(kind, subject).named(target)
    if step is not None and step.to == state_name(declared.life_cycle(kind), subject):
        return
    move(db, site, kind, subject, target, actor=actor, comment=comment)


def _reindex(db: Session, site: Site, kind: str, subject: Any) -> None:
    """A subject whose life cycle is also a content kind keyed by ``public_id`` (a mission, an idea,
    a decision) enters or leaves the site search with its new state."""
    from parvis.content import ContentRef, kinds
    from parvis.search.index import reindex

    key = getattr(subject, "public_id", None)
    if key and kind in kinds(site):
        reindex(db, site, ContentRef(kind, str(key)))


def _coerce(current: Any, target: str) -> Any:
    """The enum member named ``target`` when the state is an enum and knows it, else the text."""
    if isinstance(current, enum.Enum):
        try:
            return type(current)(target)
        except ValueError:
            return target
    return target


def record(db: Session, made: Move) -> WorkflowEvent:
    """Append the history row of a move (``core_workflow_event``)."""
    actor = made.actor
    account = actor.account if actor is not None else None
    if made.subject.id is None:
        db.flush()
    entry = WorkflowEvent(
        kind=made.life_cycle.kind,
        subject_id=made.subject.id,
        workflow=made.workflow.name,
        transition=made.transition.key,
        from_state=made.source,
        to_state=made.target,
        at=made.site.now(),
        actor_id=account.id if account is not None else None,
        actor_name=account.display_name if account is not None else "",
        comment=made.comment,
    )
    db.add(entry)
    return entry


def history(db: Session, kind: str, subject: Any) -> list[WorkflowEvent]:
    """The moves of ``subject``, oldest first."""
    return list(
        db.scalars(
            select(WorkflowEvent)
            .where(WorkflowEvent.kind == kind, WorkflowEvent.subject_id == subject.id)
            .order_by(WorkflowEvent.at, WorkflowEvent.id)
        )
    )

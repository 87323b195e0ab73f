"""Creating a decision and editing it while its workflow state allows editing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.bodies.models import Body, Group, Term
from parvis.decisions import history
from parvis.decisions.models import Decision
from parvis.decisions.registry import registry
from parvis.decisions.transitions import TransitionRefused
from parvis.i18n import _

if TYPE_CHECKING:
    from parvis.site import Site

EDITABLE_FIELDS = ("title", "summary", "text", "topic", "reference")


def create_decision(
    db: Session,
    site: Site,
    *,
    body: Body,
    term: Term,
    decision_type: str,
    title: str,
    actor: Actor | None,
    group: Group | None = None,
    **fields: Any,
) -> Decision:
    """A new decision in its workflow's initial state (the workflow is fixed from now on)."""
    declared = registry(site)
    if decision_type not in declared.types:
        raise ValueError(f"unknown decision type {decision_type!r}")
    if term.body_id != body.id or (group is not None and group.body_id != body.id):
        raise ValueError("the term and the workshop must belong to the decision's body")
    workflow = declared.workflow_for_type(decision_type)
    decision = Decision(
        body_id=body.id,
        term_id=term.id,
        group_id=group.id if group else None,
        type=decision_type,
        workflow=workflow.name,
        state=workflow.initial,
        title=title,
        created_by_id=actor.account.id if actor and actor.account else None,
        **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS},
    )
    db.add(decision)
    db.flush()
    history.record(db, decision, "created", actor, {"state": [None, workflow.initial]})
    return decision


def update_decision(db: Session, site: Site, decision: Decision, actor: Actor, **values: Any) -> None:
    """Change the text of a decision; refused once its state no longer allows editing."""
    state = registry(site).workflow_of(decision).state(decision.state)
    if state is None or not state.editable:
        raise TransitionRefused(_("This decision can no longer be edited at this step."))
    before = {name: getattr(decision, name) for name in EDITABLE_FIELDS}
    after = {name: values.get(name, before[name]) or "" for name in EDITABLE_FIELDS}
    changes = history.diff(before, after)
    if changes:
        for name, value in after.items():
            setattr(decision, name, value)
        history.record(db, decision, "edited", actor, changes)

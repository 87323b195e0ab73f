"""Hooks of decisions (parvis.decisions): types, workflows and vetoes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from parvis.auth import Actor
    from parvis.decisions.models import Decision
    from parvis.decisions.registry import DecisionType
    from parvis.decisions.workflow import Transition, Workflow
    from parvis.site import Site


@hookspec
def register_decision_types() -> Sequence[DecisionType]:
    """Declare the kinds of decision bodies produce (``DecisionType(code, label, plural, workflow)``).

    Core declares proposal, opinion, recommendation, voeu and deliberation; a plugin adds its own.
    ``workflow`` names the workflow the type uses (a city may remap it in
    ``[settings.decisions.type_workflows]``).
    """


@hookspec
def register_workflows() -> Sequence[Workflow]:
    """Return decision workflows as data (``parvis.decisions.workflow.Workflow`` structs).

    A workflow with the name of a built-in one replaces it; the city's own
    ``[settings.decisions.workflows.<name>]`` tables replace both. Workflows are checked when first
    used and when the web application starts (unknown or unreachable states stop it).
    """


@hookspec
def validate_decision_transition(
    site: Site, db: Session, decision: Decision, transition: Transition, actor: Actor
) -> str | None:
    """Veto a workflow move: return a translated reason to refuse it, or None to allow it.

    Called after the workflow's own checks (roles, votes) pass, before ``decision.state`` changes.
    The youth council uses it for "one vœu per year" (see ``parvis.decisions.transitions.reached_in_year``).
    """


@hookspec
def decision_transitioned(
    site: Site, db: Session, decision: Decision, transition: Transition, actor: Actor
) -> None:
    """Called after a decision moved (``decision.state`` is the new state; not yet committed)."""

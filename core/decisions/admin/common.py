"""What the decisions' back office shares: its actions, finding a decision, the form choices, and
the decisions' own refusals as ``Refused``."""

from __future__ import annotations

from typing import Annotated

from litestar.exceptions import NotFoundException
from litestar.params import QueryParameter
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body, Group, Term
from parvis.decisions.models import Decision
from parvis.decisions.registry import registry
from parvis.web.context import state_of
from parvis.web.guards import can
from parvis.web.types import AnyRequest

# "body" is Litestar's name for the request body, so the query parameter ?body= needs an alias.
BodyQuery = Annotated[str | None, QueryParameter(name="body")]
MANAGE, FOLLOWUP_ACTION, VOTES = "decisions.manage", "decisions.record_followup", "decisions.run_votes"
BACK_OFFICE = can("decisions.back_office")
PATH = "/admin/decisions"


def decision_or_404(db: Session, public_id: str) -> Decision:
    decision = db.scalar(select(Decision).where(Decision.public_id == public_id[:24]))
    if decision is None:
        raise NotFoundException()
    return decision


def term_choices(db: Session) -> list[tuple[str, str]]:
    rows = db.execute(
        select(Term, Body).join(Body, Body.id == Term.body_id).order_by(Body.name, Term.starts_on.desc())
    ).all()
    return [(str(term.id), f"{body.name} — {term.label}") for term, body in rows]


def group_choices(db: Session) -> list[tuple[str, str]]:
    rows = db.execute(
        select(Group, Body).join(Body, Body.id == Group.body_id).order_by(Body.name, Group.name)
    ).all()
    return [(str(group.id), f"{body.name} — {group.name}") for group, body in rows]


def type_choices(request: AnyRequest) -> list[tuple[str, str]]:
    return [(code, str(t.label)) for code, t in registry(state_of(request).site).types.items()]

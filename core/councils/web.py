"""Helpers the councils' pages share: finding the council of a body, describing its rules."""

from __future__ import annotations

from litestar.exceptions import NotFoundException
from sqlalchemy.orm import Session

from parvis.bodies import services as bodies
from parvis.bodies.models import Body
from parvis.councils.spec import Council, council_for
from parvis.eligibility import EligibilityRule
from parvis.i18n import _
from parvis.web.context import RequestState, state_of
from parvis.web.guards import allowed
from parvis.web.types import AnyRequest

MANAGE = "councils.manage"
DRAW = "councils.draw"


def council_body(request: AnyRequest, db: Session, slug: str) -> tuple[Body, Council]:
    """The active body at ``slug`` and its council; 404 for a body that is not a council."""
    body = bodies.body_by_slug(db, slug[:80], active_only=True)
    council = council_for(state_of(request).site, body.kind) if body is not None else None
    if body is None or council is None:
        raise NotFoundException()
    return body, council


def may_manage(state: RequestState, body: Body) -> bool:
    return allowed(state, MANAGE, body)


def insider(state: RequestState, body: Body) -> bool:
    """Members and officials of the body see what is not public (hearings held in private)."""
    return allowed(state, "core.view_members", body)


def describe_rule(rule: EligibilityRule) -> list[str]:
    """The eligibility rule in plain words, for the call's page ("Aged 15 to 30")."""
    lines = []
    if rule.min_age is not None and rule.max_age is not None:
        lines.append(_("Aged {min} to {max}.").format(min=rule.min_age, max=rule.max_age))
    elif rule.min_age is not None:
        lines.append(_("Aged {min} or over.").format(min=rule.min_age))
    elif rule.max_age is not None:
        lines.append(_("Aged {max} or under.").format(max=rule.max_age))
    if rule.residents_only:
        lines.append(_("Living in the city."))
    if rule.nationality_groups is not None:
        groups = ", ".join(_(g.label) for g in rule.nationality_groups)
        lines.append(_("Nationality: {groups}.").format(groups=groups))
    return lines

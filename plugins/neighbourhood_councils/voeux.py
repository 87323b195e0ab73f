"""Vœux and proposals of a council: core decisions of the council's body, in their own workflow
(the council adopts them, sends them to the council of its district, which answers; the answer
and what follows are published in core's follow-up tracker)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import N_, OFFICIAL, Actor, Refused, Site, _, hookimpl, lazy_gettext
from parvis.api.bodies import Body, Term, add_term
from parvis.api.decisions import (
    Decision,
    DecisionType,
    State,
    Transition,
    Workflow,
    create_decision,
    registry,
    transition,
)

DECISION_TYPE = "neighbourhood_voeu"

WORKFLOW = Workflow(
    name="neighbourhood_voeu",
    label=N_("Addressed to the council {site.district:of}"),
    initial="draft",
    states=[
        State("draft", N_("Draft"), editable=True),
        State("adopted", N_("Adopted by the neighbourhood council"), public=True),
        State("submitted", N_("Sent to the council {site.district:of}"), public=True),
        State("answered", N_("Answered by {site.district:the}"), public=True, followup=True),
        State("withdrawn", N_("Withdrawn"), public=True, final=True),
        State("closed", N_("Follow-up closed"), public=True, followup=True, final=True),
    ],
    transitions=[
        Transition(sources=["draft"], to="adopted", label=N_("Record its adoption in plenary")),
        Transition(sources=["adopted"], to="submitted", label=N_("Send to the council {site.district:of}")),
        Transition(sources=["submitted"], to="answered", label=N_("Record the answer")),
        Transition(sources=["draft", "adopted"], to="withdrawn", label=N_("Withdraw")),
        Transition(sources=["answered"], to="closed", label=N_("Close the follow-up")),
    ],
)


@hookimpl
def register_decision_types() -> list[DecisionType]:
    return [
        DecisionType(
            DECISION_TYPE,
            lazy_gettext("Neighbourhood council vœu"),
            lazy_gettext("Neighbourhood council vœux"),
            WORKFLOW.name,
            "neighbourhood_councils",
        )
    ]


@hookimpl
def register_workflows() -> list[Workflow]:
    return [WORKFLOW]


def acting_for(actor: Actor, body: Body) -> Actor:
    """The actor as an official of the council's body, for core's decisions workflow.

    Only after the route checked the district-scoped action on the council: a district's officials
    hold no role in the body itself, and core's transitions check roles in the decision's body.
    """
    roles = actor.body_roles.get(body.id, frozenset()) | {OFFICIAL}
    return replace(actor, body_roles={**actor.body_roles, body.id: roles})


def council_term(db: Session, body: Body, year: int) -> Term:
    """The council's term for a year (decisions belong to a term), created on first use."""
    from datetime import date

    label = str(year)
    term = db.scalar(select(Term).where(Term.body_id == body.id, Term.label == label))
    return term or add_term(db, body, label, date(year, 1, 1), date(year, 12, 31))


def propose(db: Session, site: Site, body: Body, *, title: str, text: str, actor: Actor) -> Decision:
    term = council_term(db, body, site.today().year)
    return create_decision(
        db, site, body=body, term=term, decision_type=DECISION_TYPE, title=title, actor=actor, text=text
    )


def move(
    db: Session, site: Site, decision: Decision, to_state: str, actor: Actor, *, body: Body, note: str = ""
) -> None:
    if decision.body_id != body.id:
        raise Refused(_("This vœu belongs to another council."))
    transition(db, site, decision, to_state, acting_for(actor, body), note=note)


def voeux(db: Session, site: Site, body: Body, *, public_only: bool) -> list[Decision]:
    query = select(Decision).where(Decision.body_id == body.id, Decision.type == DECISION_TYPE)
    found = list(db.scalars(query.order_by(Decision.id.desc())))
    if public_only:
        found = [d for d in found if (s := _workflow(site, d).state(d.state)) is not None and s.public]
    return found


def _workflow(site: Site, decision: Decision) -> Any:
    return registry(site).workflow_of(decision)


def state_label(site: Site, decision: Decision) -> str:
    state = _workflow(site, decision).state(decision.state)
    return _(state.label) if state else decision.state


def next_steps(site: Site, decision: Decision) -> list[tuple[str, str]]:
    return [(t.to, _(t.label)) for t in _workflow(site, decision).transitions if decision.state in t.sources]

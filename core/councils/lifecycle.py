"""The life cycles of councils' calls for applications, applications and referrals on the
workflow engine.

The workflows are data (``workflows.toml``, replaced by a city's ``[workflows.council_call]``,
``[workflows.council_application]`` or ``[workflows.council_referral]``). A call is scheduled →
announced (the hourly job told the eligible residents) → drawn; an application is received →
checked or not admissible → drawn or not drawn, withdrawn (and submitted again) by its applicant
before the draw; a referral moves between received, being examined, answered and closed.

Whether a call is *open* stays derived from its dates (``Call.is_open``): residents apply between
``opens_on`` and ``closes_on`` whatever the officials do, and the engine moves things only when
someone (or the platform) acts, never when a date passes. The stored state covers those acts.

The services move calls and applications by the transitions' names; ``actor`` None is the platform
(the announcement job, the draw's result, or a service whose route already checked the person).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from parvis.i18n import N_, _
from parvis.workflows import (
    LifeCycle,
    Role,
    Transition,
    TransitionRefused,
    allowed_moves,
    life_cycles,
    move,
    site_of_session,
)
from parvis.workflows.engine import find, prepare, refusal, role_refusal, state_name

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.site import Site

# Not "councils.call", the call's content kind: the engine would then tell the call's followers of
# every move and reindex it, which calls did not do before they had a life cycle.
CALL = "councils.call_workflow"
APPLICATION = "councils.application"
REFERRAL = "councils.referral"
FILE = Path(__file__).with_name("workflows.toml")
# The call's moves its services make (the announcement job, the draw); any other is an official's
# step, offered on the call's page.
SERVICE_STEPS = frozenset({"announce", "draw"})

# The labels of workflows.toml, for extraction (a test checks every label is listed here).
LABELS = (
    N_("Call for applications"),
    N_("Open between its dates"),
    N_("Announced to residents"),
    N_("Seats drawn"),
    N_("Tell eligible residents"),
    N_("Draw the seats by lot"),
    N_("Application"),
    N_("Received"),
    N_("Checked, in the draw"),
    N_("Not admissible"),
    N_("Withdrawn"),
    N_("Drawn"),
    N_("Not drawn"),
    N_("Admit to the draw"),
    N_("Declare not admissible"),
    N_("Withdraw the application"),
    N_("Apply again"),
    N_("Drawn by lot"),
    N_("Not drawn by lot"),
    N_("Referral"),
    N_("Being examined"),
    N_("Answered"),
    N_("Closed without an answer"),
    N_("Back to received"),
    N_("Examine"),
    N_("Mark as answered"),
    N_("Close without an answer"),
)


def _body_of(subject: Any) -> Any:
    call = getattr(subject, "call", None)
    return call.body if call is not None else subject.body


def _applied(site: Site, actor: Actor, application: Any) -> bool:
    return actor.person_id is not None and actor.person_id == application.person_id


OFFICIAL = Role.for_action(N_("Official of the council"), "councils.manage", _body_of)
DRAWER = Role.for_action(N_("Official who runs the draw"), "councils.draw", _body_of)


def life_cycles_of_councils() -> list[LifeCycle]:
    return [
        LifeCycle(
            kind=CALL,
            label=N_("Calls for applications"),
            file=FILE,
            names=("council_call",),
            roles={"official": OFFICIAL, "drawer": DRAWER},
            not_possible=N_("This is not possible while the call is “{current}”."),
        ),
        LifeCycle(
            kind=APPLICATION,
            label=N_("Applications to a council"),
            file=FILE,
            names=("council_application",),
            roles={
                "official": OFFICIAL,
                "drawer": DRAWER,
                "applicant": Role(N_("The applicant"), _applied),
            },
            not_possible=N_("This is not possible while the application is “{current}”."),
            comment_missing=N_("Say why the application is not admissible."),
        ),
        LifeCycle(
            kind=REFERRAL,
            label=N_("Referrals to a council"),
            file=FILE,
            names=("council_referral",),
            roles={"official": OFFICIAL},
            not_possible=N_("This referral cannot go from “{current}” to “{target}”."),
        ),
    ]


def state_labels(site: Site, kind: str) -> dict[str, str]:
    """The label (a message id) of each state of the workflow in force, by state name: a page looks
    up ``labels[application.status]`` (an enum member or a state the city added) and translates."""
    return {state.name: state.label for state in life_cycles(site).workflow(kind).states}


def state_choices(site: Site, kind: str) -> list[tuple[str, str]]:
    """The states of the workflow in force as a select's (value, translated label) choices."""
    return [(name, _(label)) for name, label in state_labels(site, kind).items()]


def state_label(site: Site, kind: str, subject: Any) -> str:
    """The translated label of ``subject``'s state (its stored name if the workflow lost it)."""
    name = state_name(life_cycles(site).life_cycle(kind), subject)
    label = state_labels(site, kind).get(name)
    return _(label) if label else name


def steps(db: Session, site: Site, call: Any, actor: Actor) -> list[Transition]:
    """The moves an official may make on a call from its page: those of its workflow that the
    services do not make themselves (a city's review step...); the draw has its own form."""
    return [t for t in allowed_moves(db, site, CALL, call, actor) if t.key not in SERVICE_STEPS]


def initial(db: Session, kind: str) -> str:
    """The state a new call (or application) starts in, as the workflow in force says."""
    return life_cycles(site_of_session(db)).workflow(kind).initial


def leads_from_here(db: Session, kind: str, subject: Any, name: str) -> bool:
    """Whether the workflow has a transition ``name`` out of ``subject``'s current state."""
    declared = life_cycles(site_of_session(db))
    source = state_name(declared.life_cycle(kind), subject)
    step = declared.workflow(kind, subject).transition(source, name)
    return step is not None


def advance(
    db: Session, kind: str, subject: Any, name: str, actor: Actor | None = None, *, comment: str = ""
) -> None:
    """Move ``subject`` by the transition ``name`` (or raise ``TransitionRefused``)."""
    move(db, site_of_session(db), kind, subject, name, actor=actor, comment=comment)


def may_draw(db: Session, site: Site, call: Any, actor: Actor | None) -> None:
    """Refuse (``TransitionRefused``, translated) a draw the call's workflow does not allow now:
    drawn already, or not yet in a state the city's workflow draws from, or not for this actor."""
    made = prepare(db, site, CALL, call, find(site, CALL, call, "draw"), actor=actor)
    reason = refusal(made)
    if reason:
        raise TransitionRefused(reason, status_code=403 if role_refusal(made) else None)

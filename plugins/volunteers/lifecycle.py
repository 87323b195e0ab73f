"""A mission's life cycle on the platform's workflow engine (``parvis.api.workflows``).

The workflow is data (``workflows.toml``, replaced by a city's ``[workflows.mission]``):
draft → awaiting validation → published → completed / cancelled; an official may send a submitted
mission back to draft with a note. This module declares the roles (organiser, official), the
effects transitions name (timestamps and notices), and the helpers the pages use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from parvis.api import N_, Actor, _, hookimpl
from parvis.api.workflows import (
    Effect,
    LifeCycle,
    Move,
    Role,
    Transition,
    TransitionRefused,
    allowed_moves,
    in_states_where,
    life_cycles,
    move,
)
from parvis.plugins.volunteers import notify
from parvis.plugins.volunteers.models import Mission, NoticeKind
from parvis.plugins.volunteers.permissions import MANAGE_MISSION, MODERATE

if TYPE_CHECKING:
    from parvis.api import Site

__all__ = [
    "MISSION",
    "TransitionRefused",
    "apply",
    "editable",
    "possible",
    "require_role",
    "transition_named",
]

MISSION = "volunteers.mission"
FILE = Path(__file__).with_name("workflows.toml")


@hookimpl
def register_life_cycles() -> list[LifeCycle]:
    return [
        LifeCycle(
            kind=MISSION,
            label=N_("Missions"),
            file=FILE,
            roles={
                "organiser": Role.for_action(N_("Organiser of the mission"), MANAGE_MISSION),
                "official": Role.for_action(N_("City official"), MODERATE),
            },
            flags=("editable",),
            not_possible=N_("This change is not possible in the mission's current state."),
            comment_missing=N_("Please write a note for the organisation."),
        )
    ]


def _submitted(made: Move) -> None:
    made.subject.submitted_at = made.site.now()


def _published(made: Move) -> None:
    mission = made.subject
    mission.published_at = made.site.now()
    mission.validated_by_id = made.actor.account.id if made.actor and made.actor.account else None
    mission.moderation_note = ""
    notify.mission_notice(made.db, made.site, mission, NoticeKind.PUBLISHED)


def _returned(made: Move) -> None:
    mission = made.subject
    mission.moderation_note = made.comment[:1000]
    notify.mission_notice(made.db, made.site, mission, NoticeKind.RETURNED, note=mission.moderation_note)


def _cancelled(made: Move) -> None:
    notify.mission_cancelled(made.db, made.site, made.subject)


@hookimpl
def register_workflow_effects() -> list[Effect]:
    return [
        Effect("volunteers.submitted", _submitted, N_("Record when the mission was submitted")),
        Effect("volunteers.published", _published, N_("Record the validation and tell the organisation")),
        Effect("volunteers.returned", _returned, N_("Send the note to the organisation")),
        Effect("volunteers.cancelled", _cancelled, N_("Tell the mission's volunteers it is cancelled")),
    ]


def status_label(site: Site, value: Any) -> str:
    """The translated label of a mission's state, as the workflow in force names it."""
    if value is None:
        return ""
    state = life_cycles(site).workflow(MISSION).state(str(value))
    return _(state.label) if state is not None else str(value)  # in the plugin's own wording


def possible(db: Session, site: Site, mission: Mission, actor: Actor) -> list[Transition]:
    """The moves ``actor`` may make on ``mission`` now (the buttons of its page)."""
    return allowed_moves(db, site, MISSION, mission, actor)


def editable(site: Site, mission: Mission) -> bool:
    return in_states_where(site, MISSION, mission, "editable")


def transition_named(site: Site, mission: Mission, name: str) -> Transition | None:
    """The move called ``name``, out of the mission's current state if it has one (None: no such move)."""
    workflow = life_cycles(site).workflow(MISSION, mission)
    named = [t for t in workflow.transitions if t.key == name]
    return next((t for t in named if str(mission.status) in t.sources), named[0] if named else None)


def require_role(site: Site, actor: Actor, mission: Mission, step: Transition) -> None:
    """Refuse (403) unless ``actor`` holds one of the roles ``step`` names for ``mission``."""
    cycle = life_cycles(site).life_cycle(MISSION)
    if not any(cycle.roles[role].holds(site, actor, mission) for role in step.roles if role in cycle.roles):
        raise TransitionRefused(_("You do not have access to this page."), status_code=403)


def apply(
    db: Session, site: Site, mission: Mission, name: str, actor: Actor, *, note: str = ""
) -> Transition:
    """Move the mission by the transition ``name`` (roles checked), or raise TransitionRefused."""
    return move(db, site, MISSION, mission, name, actor=actor, comment=note)

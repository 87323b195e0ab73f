"""The life cycle of the Assembly's draws on the platform's workflow engine (``parvis.api.workflows``).

The workflow is data (``workflows.toml``, replaced by a city's ``[workflows.assembly_draw]``):
announced → drawn → published. The draw services move a draw by the transitions' names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from parvis.api import N_, Actor
from parvis.api.workflows import LifeCycle, Role, TransitionRefused, life_cycles, move, site_of_session
from parvis.plugins.assembly.permissions import MANAGE

if TYPE_CHECKING:
    from parvis.api import Site

__all__ = ["DRAW", "TransitionRefused", "life_cycle", "set_state"]

DRAW = "assembly.draw"
FILE = Path(__file__).with_name("workflows.toml")

# The labels of workflows.toml, for extraction (a test checks every label is listed here).
LABELS = (
    N_("Draw"),
    N_("Announced"),
    N_("Drawn, not yet published"),
    N_("Published"),
    N_("Run the draw"),
    N_("Publish the draw"),
)


def _runs_the_assembly(site: Site, actor: Actor, subject: Any) -> bool:
    return bool(site.hook.permission_allowed(site=site, actor=actor, action=MANAGE, resource=subject))


def life_cycle() -> LifeCycle:
    return LifeCycle(
        kind=DRAW,
        label=N_("Draws"),
        file=FILE,
        roles={"official": Role(N_("City official"), _runs_the_assembly)},
        flags=("public",),
    )


def set_state(db: Session, subject: Any, name: str, actor: Actor | None) -> None:
    """Move a draw by the transition ``name`` (nothing to do if it is already where it leads).

    ``actor`` None is the platform itself (a service whose caller checked the person's right).
    """
    site = site_of_session(db)
    step = life_cycles(site).workflow(DRAW, subject).named(name)
    if step is not None and step.to == str(subject.status):
        return
    move(db, site, DRAW, subject, name, actor=actor)

"""The life cycles of the Assembly's draws and topic votes on the platform's workflow engine.

The workflows are data (``workflows.toml``, replaced by a city's ``[workflows.assembly_draw]`` or
``[workflows.assembly_topic_poll]``): a draw is announced → drawn → published, a vote on a
workshop's topic in preparation → open → closed. The services move them by the transitions' names.

A promotion has no stored life cycle: whether it is upcoming, running or over, and whether its
questionnaire and call for applications are open, follow from its term's and calendar's dates,
which the engine (moved by acts, not by dates) cannot express; what officials do to a promotion is
run its colleges' draws, which follow ``assembly_draw`` (docs/assembly.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import N_, Actor, hookimpl
from parvis.api.workflows import LifeCycle, Role, TransitionRefused, move_unless_there
from parvis.plugins.assembly.permissions import MANAGE

__all__ = ["DRAW", "POLL", "TransitionRefused", "register_life_cycles", "set_state"]

DRAW = "assembly.draw"
POLL = "assembly.topic_poll"
FILE = Path(__file__).with_name("workflows.toml")


ROLES = {"official": Role.for_action(N_("City official"), MANAGE)}


@hookimpl
def register_life_cycles() -> list[LifeCycle]:
    return [
        LifeCycle(
            kind=DRAW, label=N_("Draws"), file=FILE, names=("assembly_draw",), roles=ROLES, flags=("public",)
        ),
        LifeCycle(
            kind=POLL,
            label=N_("Votes on topics"),
            file=FILE,
            names=("assembly_topic_poll",),
            roles=ROLES,
            flags=("public",),
        ),
    ]


def set_state(db: Session, subject: Any, name: str, actor: Actor | None, *, kind: str = DRAW) -> None:
    """Move a draw (or a vote on a topic: ``kind=POLL``) by the transition ``name`` (nothing to do
    if it is already where the transition leads).

    ``actor`` None is the platform itself (a service whose caller checked the person's right).
    """
    move_unless_there(db, kind, subject, name, actor=actor)

"""The life cycles of ideas and projects on the platform's workflow engine (``parvis.api.workflows``).

The workflows are data (``workflows.toml``, replaced by a city's ``[workflows.budget_idea]`` or
``[workflows.budget_project]``). The services move ideas and projects by the transitions' names
(``set_state``); the roles map to the budget's actions, so a city grants them as it grants those.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import N_, Actor, hookimpl
from parvis.api.workflows import LifeCycle, Role, TransitionRefused, move_unless_there
from parvis.plugins.budget.permissions import PROJECTS, PUBLISH, REVIEW

__all__ = ["IDEA", "PROJECT", "TransitionRefused", "register_life_cycles", "set_state"]

IDEA = "budget.idea"
PROJECT = "budget.project"
FILE = Path(__file__).with_name("workflows.toml")


ROLES = {
    "reviewer": Role.for_action(N_("Reviewer of ideas"), REVIEW),
    "projects": Role.for_action(N_("Manager of projects and ballots"), PROJECTS),
    "publisher": Role.for_action(N_("Publisher of the results"), PUBLISH),
}


@hookimpl
def register_life_cycles() -> list[LifeCycle]:
    return [
        LifeCycle(
            kind=IDEA, label=N_("Ideas"), file=FILE, names=("budget_idea",), roles=ROLES, flags=("public",)
        ),
        LifeCycle(kind=PROJECT, label=N_("Projects"), file=FILE, names=("budget_project",), roles=ROLES),
    ]


def set_state(
    db: Session, kind: str, subject: Any, name: str, actor: Actor | None, *, comment: str = ""
) -> None:
    """Move an idea or a project by the transition ``name`` (nothing to do if it is already there).

    ``actor`` None is the platform itself (a merge, a count made by a service that checked the
    person's right already): its roles are not checked, the history names nobody.
    """
    move_unless_there(db, kind, subject, name, actor=actor, comment=comment)

"""Decision workflows: the life cycle ``decisions.decision`` of the workflow engine.

The engine (``parvis.workflows``) holds the structs and the checks; this module says what a
decision's workflows may name: the state flags, the roles and the conditions below. The built-in
workflows live in ``workflows.toml``; a city adds ``[settings.decisions.workflows.<name>]`` tables
of the same shape (or replaces one in ``[workflows.<name>]``), a plugin returns ``Workflow``
structs from ``register_workflows``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from parvis.workflows.model import (
    State,
    Transition,
    Vocabulary,
    Workflow,
    load_file,
    parse_workflow,
    reachable,
)
from parvis.workflows.model import check as check_workflow
from parvis.workflows.model import problems as workflow_problems

__all__ = [
    "BUILTIN_FILE",
    "FLAGS",
    "REQUIREMENTS",
    "TRANSITION_ROLES",
    "State",
    "Transition",
    "Workflow",
    "builtin_workflows",
    "check",
    "merge",
    "parse_workflows",
    "problems",
    "reachable",
]

BUILTIN_FILE = Path(__file__).with_name("workflows.toml")

# Roles a transition may name. "member" is a per-body role (an active membership of the
# decision's body); official and admin are site-wide or per-body grants.
TRANSITION_ROLES = frozenset({"member", "official", "admin"})

# Conditions a transition may require; each is checked by ``transitions.REQUIREMENTS``.
REQUIREMENTS = frozenset({"plenary_vote_passed", "council_adopted", "council_rejected"})

# State flags: editable (the text may still change), public (visible to everyone), votable (a
# plenary vote may be opened), followup (the City's follow-up is recorded and published); every
# life cycle also knows final (no transition may leave the state).
FLAGS = frozenset({"editable", "public", "votable", "followup"})

VOCABULARY = Vocabulary(flags=FLAGS, roles=TRANSITION_ROLES, conditions=REQUIREMENTS)


def problems(workflow: Workflow) -> list[tuple[str, str]]:
    """Everything wrong with a decision workflow, as (key, translated reason); empty when usable."""
    return workflow_problems(workflow, VOCABULARY)


def check(workflow: Workflow, prefix: str) -> None:
    """Raise ValueError with the first problem of ``workflow`` as ``prefix.key: reason``."""
    check_workflow(workflow, VOCABULARY, prefix)


def parse_workflows(tables: Mapping[str, Any]) -> dict[str, Workflow]:
    """``{name: table}`` (TOML shape) into checked workflows; raise ValueError naming the key."""
    workflows: dict[str, Workflow] = {}
    for name, table in tables.items():
        workflow = parse_workflow(name, table, FLAGS, f"workflows.{name}")
        check(workflow, prefix=f"workflows.{name}")
        workflows[name] = workflow
    return workflows


def builtin_workflows() -> dict[str, Workflow]:
    return load_file(BUILTIN_FILE, FLAGS)


def merge(*sources: Iterable[Workflow]) -> dict[str, Workflow]:
    """Later sources replace earlier ones of the same name (built-in < plugins < the city's file)."""
    merged: dict[str, Workflow] = {}
    for source in sources:
        for workflow in source:
            merged[workflow.name] = workflow
    return merged

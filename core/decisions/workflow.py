"""Decision workflows as data: states with flags, transitions with roles and conditions.

A workflow is plain data (OpenSlides' motion workflows are the model), so a city or a plugin
supplies its own without touching code: the built-in ones live in ``workflows.toml``, a city adds
``[settings.decisions.workflows.<name>]`` tables of the same shape, a plugin returns ``Workflow``
structs from ``register_workflows``. Every workflow is checked when the site starts: a typo in a
state name or a state nobody can reach would otherwise surface months later as a stuck decision.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from parvis.i18n import _

BUILTIN_FILE = Path(__file__).with_name("workflows.toml")

# Roles a transition may name. "member" is a per-body role (an active membership of the
# decision's body); official and admin are site-wide or per-body grants.
TRANSITION_ROLES = frozenset({"member", "official", "admin"})

# Conditions a transition may require; each is checked by ``transitions.REQUIREMENTS``.
REQUIREMENTS = frozenset({"plenary_vote_passed", "council_adopted", "council_rejected"})


class State(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One step of a decision's life and what it allows."""

    name: str
    label: str  # an English message id, translated when shown
    editable: bool = False  # the title and text may still be changed
    public: bool = False  # visible to everyone (drafts are not)
    votable: bool = False  # a plenary vote of the body's members may be opened
    followup: bool = False  # the City's follow-up is recorded and published
    final: bool = False  # no transition may leave this state


class Transition(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An allowed move: from one of ``sources`` to ``to``, by one of ``roles``, if ``requires`` hold."""

    sources: list[str] = msgspec.field(name="from")
    to: str = ""
    roles: list[str] = msgspec.field(default_factory=lambda: ["official"])
    label: str = ""
    requires: list[str] = msgspec.field(default_factory=list)


class Workflow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str = ""  # filled from the table's key when loaded from TOML
    label: str = ""
    initial: str = "draft"
    states: list[State] = msgspec.field(default_factory=list)
    transitions: list[Transition] = msgspec.field(default_factory=list)

    def state(self, name: str) -> State | None:
        return next((s for s in self.states if s.name == name), None)

    def transition(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if source in t.sources and t.to == target), None)

    def next_states(self, source: str) -> list[str]:
        return [t.to for t in self.transitions if source in t.sources]

    def states_where(self, flag: str) -> list[str]:
        """Names of the states with a flag set, e.g. ``states_where("public")``."""
        return [s.name for s in self.states if getattr(s, flag)]


def problems(workflow: Workflow) -> list[tuple[str, str]]:
    """Everything wrong with a workflow, as (key, translated reason); empty when it is usable."""
    found: list[tuple[str, str]] = []
    names = [s.name for s in workflow.states]
    if not names:
        return [("states", _("a workflow needs at least one state"))]
    for index, name in enumerate(names):
        if not name or names.index(name) != index:
            found.append((f"states[{index}].name", _("state names must be unique and not empty")))
    known = set(names)
    if workflow.initial not in known:
        found.append(("initial", _("unknown state '{name}'").format(name=workflow.initial)))
    seen: set[tuple[str, str]] = set()
    for index, transition in enumerate(workflow.transitions):
        key = f"transitions[{index}]"
        for source in transition.sources:
            if source not in known:
                found.append((f"{key}.from", _("unknown state '{name}'").format(name=source)))
            if (source, transition.to) in seen:
                found.append(
                    (
                        f"{key}.from",
                        _("a transition from '{a}' to '{b}' is declared twice").format(
                            a=source, b=transition.to
                        ),
                    )
                )
            seen.add((source, transition.to))
        if not transition.sources:
            found.append((f"{key}.from", _("a transition needs at least one state to start from")))
        if transition.to not in known:
            found.append((f"{key}.to", _("unknown state '{name}'").format(name=transition.to)))
        roles_list = ", ".join(sorted(TRANSITION_ROLES))
        found.extend(
            (f"{key}.roles", _("unknown role '{role}' (use {roles})").format(role=role, roles=roles_list))
            for role in transition.roles
            if role not in TRANSITION_ROLES
        )
        if not transition.roles:
            found.append((f"{key}.roles", _("a transition needs at least one role")))
        names_list = ", ".join(sorted(REQUIREMENTS))
        found.extend(
            (
                f"{key}.requires",
                _("unknown condition '{name}' (use {names})").format(name=r, names=names_list),
            )
            for r in transition.requires
            if r not in REQUIREMENTS
        )
    for state in workflow.states:
        outgoing = workflow.next_states(state.name)
        index = names.index(state.name)
        if state.final and outgoing:
            found.append(
                (
                    f"states[{index}].final",
                    _("final state '{name}' has transitions leaving it").format(name=state.name),
                )
            )
        if not state.final and not outgoing:
            found.append(
                (
                    f"states[{index}]",
                    _("state '{name}' is a dead end: mark it final or add a transition from it").format(
                        name=state.name
                    ),
                )
            )
    if workflow.initial in known:
        unreachable = [n for n in names if n not in reachable(workflow)]
        if unreachable:
            found.append(
                (
                    "states",
                    _("unreachable from '{initial}': {names}").format(
                        initial=workflow.initial, names=", ".join(unreachable)
                    ),
                )
            )
    return found


def reachable(workflow: Workflow) -> set[str]:
    """States reachable from the initial one by following transitions."""
    seen = {workflow.initial}
    frontier = [workflow.initial]
    while frontier:
        for target in workflow.next_states(frontier.pop()):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def parse_workflows(tables: Mapping[str, Any], *, strict: bool = True) -> dict[str, Workflow]:
    """``{name: table}`` (TOML shape) into validated workflows; raise ValueError naming the key."""
    workflows: dict[str, Workflow] = {}
    for name, table in tables.items():
        try:
            workflow = msgspec.convert({**table, "name": name}, Workflow, strict=strict)
        except msgspec.ValidationError as error:
            raise ValueError(f"workflows.{name}: {error}") from None
        check(workflow, prefix=f"workflows.{name}")
        workflows[name] = workflow
    return workflows


def check(workflow: Workflow, prefix: str) -> None:
    """Raise ValueError with the first problem of ``workflow`` as ``prefix.key: reason``."""
    found = problems(workflow)
    if found:
        key, reason = found[0]
        raise ValueError(f"{prefix}.{key}: {reason}")


def builtin_workflows() -> dict[str, Workflow]:
    return parse_workflows(tomllib.loads(BUILTIN_FILE.read_text(encoding="utf-8")))


def merge(*sources: Iterable[Workflow]) -> dict[str, Workflow]:
    """Later sources replace earlier ones of the same name (built-in < plugins < the city's file)."""
    merged: dict[str, Workflow] = {}
    for source in sources:
        for workflow in source:
            merged[workflow.name] = workflow
    return merged

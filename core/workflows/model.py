"""Workflows as data: states with labels and flags, transitions with roles, conditions and effects.

OpenSlides' motion workflows are the model: a life cycle is a table of states and of the moves
allowed between them, not code paths. The same structs serve every life cycle (decisions,
missions, budget ideas and projects, the Assembly's draws, councils' calls and applications); what
differs from one to another (which flags a state may carry, which roles exist, which conditions
and effects a transition may name) is declared by the ``LifeCycle`` the workflow belongs to
(``parvis.workflows.lifecycle``) and checked by ``problems``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from parvis.i18n import _

FINAL = "final"  # the flag every life cycle knows: no transition may leave the state


class State:
    """One step of a life and what it allows: ``State("draft", "Draft", editable=True)``.

    A flag reads as an attribute (``state.editable``); a flag not set reads False. ``label`` is an
    English message id, translated when shown.
    """

    __slots__ = ("flags", "label", "name")

    name: str
    label: str
    flags: frozenset[str]

    def __init__(self, name: str, label: str = "", flags: Iterable[str] = (), **named: bool) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "flags", frozenset(flags) | {flag for flag, on in named.items() if on})

    def __getattr__(self, flag: str) -> bool:
        if flag.startswith("_"):
            raise AttributeError(flag)
        return flag in self.flags

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a State is immutable")

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, State):
            return NotImplemented
        return (self.name, self.label, self.flags) == (other.name, other.label, other.flags)

    def __hash__(self) -> int:
        return hash((self.name, self.label, self.flags))

    def __repr__(self) -> str:
        return f"State({self.name!r}, {self.label!r}, flags={sorted(self.flags)!r})"


class Transition(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An allowed move: from one of ``sources`` to ``to``, by one of ``roles``, if ``requires``
    hold; then the ``effects`` run. ``name`` identifies the move in forms (default: ``to``)."""

    sources: list[str] = msgspec.field(name="from")
    to: str = ""
    roles: list[str] = msgspec.field(default_factory=lambda: ["official"])
    label: str = ""
    requires: list[str] = msgspec.field(default_factory=list)
    effects: list[str] = msgspec.field(default_factory=list)
    name: str = ""
    comment: bool = False  # a comment is required (e.g. why a mission is sent back)
    danger: bool = False  # shown as a destructive action (cancel, reject)

    @property
    def key(self) -> str:
        return self.name or self.to


class Workflow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str = ""  # filled from the table's key when loaded from TOML
    label: str = ""
    initial: str = "draft"
    # ``State`` values (typed Any for msgspec: states are parsed by ``parse_state``, flags and all).
    states: list[Any] = msgspec.field(default_factory=list)
    transitions: list[Transition] = msgspec.field(default_factory=list)

    def state(self, name: str) -> State | None:
        return next((s for s in self.states if s.name == name), None)

    def transition(self, source: str, target: str) -> Transition | None:
        """The move from ``source`` named ``target`` (its ``name``), or else going to ``target``."""
        found = [t for t in self.transitions if source in t.sources]
        return next((t for t in found if t.name == target), None) or next(
            (t for t in found if t.to == target and not t.name), None
        )

    def named(self, key: str) -> Transition | None:
        """The first transition whose key (``name``, else ``to``) is ``key``, from any state."""
        return next((t for t in self.transitions if t.key == key), None)

    def next_states(self, source: str) -> list[str]:
        return [t.to for t in self.transitions if source in t.sources]

    def states_where(self, flag: str) -> list[str]:
        """Names of the states with a flag set, e.g. ``states_where("public")``."""
        return [s.name for s in self.states if s.has(flag)]


class Vocabulary(msgspec.Struct, frozen=True):
    """What a life cycle's workflows may name: state flags, roles, conditions, effects."""

    flags: Collection[str] = frozenset()
    roles: Collection[str] = frozenset()
    conditions: Collection[str] = frozenset()
    effects: Collection[str] | None = None  # None: effects are not checked here


def problems(workflow: Workflow, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """Everything wrong with a workflow, as (key, translated reason); empty when it is usable."""
    found: list[tuple[str, str]] = []
    names = [s.name for s in workflow.states]
    if not names:
        return [("states", _("a workflow needs at least one state"))]
    allowed_flags = {FINAL, *vocabulary.flags}
    for index, state in enumerate(workflow.states):
        if not state.name or names.index(state.name) != index:
            found.append((f"states[{index}].name", _("state names must be unique and not empty")))
        found.extend(
            (
                f"states[{index}].{flag}",
                _("unknown flag '{flag}' (use {flags})").format(
                    flag=flag, flags=", ".join(sorted(allowed_flags))
                ),
            )
            for flag in sorted(state.flags - allowed_flags)
        )
    known = set(names)
    if workflow.initial not in known:
        found.append(("initial", _("unknown state '{name}'").format(name=workflow.initial)))
    seen: set[tuple[str, str]] = set()
    for index, transition in enumerate(workflow.transitions):
        found.extend(_transition_problems(f"transitions[{index}]", transition, known, seen, vocabulary))
    for index, state in enumerate(workflow.states):
        outgoing = workflow.next_states(state.name)
        if state.has(FINAL) and outgoing:
            found.append(
                (
                    f"states[{index}].final",
                    _("final state '{name}' has transitions leaving it").format(name=state.name),
                )
            )
        if not state.has(FINAL) and not outgoing:
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


def _transition_problems(
    key: str, transition: Transition, known: set[str], seen: set[tuple[str, str]], vocabulary: Vocabulary
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for source in transition.sources:
        if source not in known:
            found.append((f"{key}.from", _("unknown state '{name}'").format(name=source)))
        if (source, transition.key) in seen:
            found.append(
                (
                    f"{key}.from",
                    _("a transition from '{a}' to '{b}' is declared twice").format(a=source, b=transition.to),
                )
            )
        seen.add((source, transition.key))
    if not transition.sources:
        found.append((f"{key}.from", _("a transition needs at least one state to start from")))
    if transition.to not in known:
        found.append((f"{key}.to", _("unknown state '{name}'").format(name=transition.to)))
    roles = ", ".join(sorted(vocabulary.roles))
    found.extend(
        (f"{key}.roles", _("unknown role '{role}' (use {roles})").format(role=role, roles=roles))
        for role in transition.roles
        if role not in vocabulary.roles
    )
    if not transition.roles:
        found.append((f"{key}.roles", _("a transition needs at least one role")))
    conditions = ", ".join(sorted(vocabulary.conditions)) or "-"
    found.extend(
        (f"{key}.requires", _("unknown condition '{name}' (use {names})").format(name=r, names=conditions))
        for r in transition.requires
        if r not in vocabulary.conditions
    )
    if vocabulary.effects is not None:
        effects = ", ".join(sorted(vocabulary.effects)) or "-"
        found.extend(
            (f"{key}.effects", _("unknown effect '{name}' (use {names})").format(name=e, names=effects))
            for e in transition.effects
            if e not in vocabulary.effects
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


def parse_state(table: Any, flags: Collection[str], key: str) -> State:
    """A state from its TOML table: ``name``, ``label`` and boolean flags; ValueError names the key."""
    if not isinstance(table, Mapping):
        raise ValueError(f"{key}: " + _("expected a table"))  # noqa: TRY004 - a configuration error
    allowed = {FINAL, *flags}
    found: set[str] = set()
    for field, value in table.items():
        if field in {"name", "label"}:
            if not isinstance(value, str):
                raise ValueError(f"{key}.{field}: " + _("expected a text"))
        elif field not in allowed:
            raise ValueError(
                f"{key}.{field}: "
                + _("unknown flag '{flag}' (use {flags})").format(
                    flag=field, flags=", ".join(sorted(allowed))
                )
            )
        elif not isinstance(value, bool):
            raise ValueError(f"{key}.{field}: " + _("expected true or false"))
        elif value:
            found.add(field)
    if "name" not in table:
        raise ValueError(f"{key}.name: " + _("this key is required"))
    return State(table["name"], table.get("label", table["name"]), found)


def parse_workflow(name: str, table: Any, flags: Collection[str], prefix: str) -> Workflow:
    """One workflow from its TOML table (shape checked, not yet its meaning: see ``problems``)."""
    if not isinstance(table, Mapping):
        raise ValueError(f"{prefix}: " + _("expected a table"))  # noqa: TRY004 - a configuration error
    states = table.get("states", [])
    if not isinstance(states, list):
        raise ValueError(f"{prefix}.states: " + _("expected a list of tables"))  # noqa: TRY004 - configuration
    parsed = [parse_state(s, flags, f"{prefix}.states[{i}]") for i, s in enumerate(states)]
    rest = {k: v for k, v in table.items() if k != "states"}
    try:
        workflow = msgspec.convert({**rest, "name": name}, Workflow, strict=True)
    except msgspec.ValidationError as error:
        raise ValueError(f"{prefix}: {error}") from None
    return msgspec.structs.replace(workflow, states=parsed)


def load_file(path: Path, flags: Collection[str], names: Collection[str] = ()) -> dict[str, Workflow]:
    """The workflows of a TOML file shipped by core or a plugin: ``{name: Workflow}``, in file order
    (only the tables ``names`` lists, when it lists any)."""
    tables = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        name: parse_workflow(name, table, flags, f"{path.name}: {name}")
        for name, table in tables.items()
        if not names or name in names
    }


def check(workflow: Workflow, vocabulary: Vocabulary, prefix: str) -> None:
    """Raise ValueError with the first problem of ``workflow`` as ``prefix.key: reason``."""
    found = problems(workflow, vocabulary)
    if found:
        key, reason = found[0]
        raise ValueError(f"{prefix}.{key}: {reason}")

"""Life cycles for plugins: workflows as data, moved by one engine, with their history.

Declare what moves with ``register_life_cycles`` (a ``LifeCycle``: the TOML file of the default
workflows the plugin ships, its ``Role`` values, state flags, conditions, the state attribute) and
the effects transitions may name with ``register_workflow_effects`` (``Effect``). A city replaces
any workflow in ``[workflows.<name>]`` of its site file (docs/configuration.md).

Move something with ``move(db, site, kind, subject, target, actor, comment=...)``: it raises
``TransitionRefused`` (a ``parvis.refusals.Refused``) with a translated reason, or changes the
state, writes one history row (``history``) and runs the effects. ``available`` and
``allowed_moves`` list the moves for a page; ``current_state`` gives the state's label and flags;
``state_type`` is the column type that accepts the states a city adds.
"""

from __future__ import annotations

from parvis.workflows import (
    Effect,
    LifeCycle,
    LifeCycles,
    Move,
    Role,
    State,
    Transition,
    TransitionRefused,
    Workflow,
    allowed_moves,
    available,
    current_state,
    history,
    in_states_where,
    initial_state,
    life_cycles,
    move,
    site_of_session,
    state_label,
    state_type,
)
from parvis.workflows.models import WorkflowEvent

__all__ = [
    "Effect",
    "LifeCycle",
    "LifeCycles",
    "Move",
    "Role",
    "State",
    "Transition",
    "TransitionRefused",
    "Workflow",
    "WorkflowEvent",
    "allowed_moves",
    "available",
    "current_state",
    "history",
    "in_states_where",
    "initial_state",
    "life_cycles",
    "move",
    "site_of_session",
    "state_label",
    "state_type",
]

"""Life cycles as data: one workflow engine for decisions, missions, budget ideas and projects,
the Assembly's draws and topic votes, and councils' calls for applications and applications.

- ``model.py``: ``State``, ``Transition``, ``Workflow`` and their checks;
- ``lifecycle.py``: ``LifeCycle``, ``Role``, ``Effect``, ``Move``, and the site's workflows
  (the plugin's TOML file, overridden by the city's ``[workflows.<name>]``);
- ``engine.py``: ``move`` (or ``TransitionRefused``), ``available``, ``history``;
- ``models.py``: ``core_workflow_event``, one history row per move;
- ``columns.py``: ``state_type``, a state column that accepts the states a city adds.
"""

from parvis.workflows.columns import state_type
from parvis.workflows.engine import (
    TransitionRefused,
    allowed_moves,
    available,
    current_state,
    history,
    in_states_where,
    initial_state,
    move,
    move_unless_there,
    state_label,
)
from parvis.workflows.lifecycle import Effect, LifeCycle, LifeCycles, Move, Role, life_cycles, site_of_session
from parvis.workflows.model import State, Transition, Workflow

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
    "allowed_moves",
    "available",
    "current_state",
    "history",
    "in_states_where",
    "initial_state",
    "life_cycles",
    "move",
    "move_unless_there",
    "site_of_session",
    "state_label",
    "state_type",
]

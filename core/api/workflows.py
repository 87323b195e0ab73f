"""Life cycles for plugins: workflows as data, moved by one engine, with their history.

Declare what moves with ``register_life_cycles`` (a ``LifeCycle``: the TOML file of the default
workflows the plugin ships, its ``Role`` values (``Role.for_action(label, action)``: whoever may
do the action), state flags, conditions, the state attribute) and
the effects transitions may name with ``register_workflow_effects`` (``Effect``). A city replaces
any workflow in ``[workflows.<name>]`` of its site file (docs/configuration.md).

Move something with ``move(db, site, kind, subject, target, actor, comment=...)`` (or
``move_unless_there(db, kind, subject, target, actor=...)``, which does nothing the second time): it raises
``TransitionRefused`` (a ``parvis.refusals.Refused``) with a translated reason, or changes the
state, writes one history row (``history``) and runs the effects. ``available`` and
``allowed_moves`` list the moves for a page; ``current_state`` gives the state's label and flags;
``state_type`` is the column type that accepts the states a city adds.
"""

from __future__ import annotations

# The package's public names (its ``__all__``, listed there once) and the history's model.
from parvis import workflows as _package
from parvis.workflows import *  # noqa: F403
from parvis.workflows.models import WorkflowEvent

__all__ = ["WorkflowEvent"]
__all__ += _package.__all__

"""Hooks of life cycles (parvis.workflows): what moves through a workflow, and the effects of its
moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from parvis.site import Site
    from parvis.workflows.lifecycle import Effect, LifeCycle


@hookspec
def register_life_cycles(site: Site) -> Sequence[LifeCycle]:
    """Declare what moves through a workflow: ``parvis.api.workflows.LifeCycle`` values.

    A life cycle names its kind (``"volunteers.mission"``), the TOML file of its default workflows,
    the roles its transitions may name (each with a label and who holds it for a subject), the
    state flags besides ``final``, the conditions a transition may ``require`` and the attribute
    holding the state. A city replaces any of its workflows in ``[workflows.<name>]``; every
    workflow is checked when the site is built. Move a subject with ``parvis.api.workflows.move``.
    """


@hookspec
def register_workflow_effects(site: Site) -> Sequence[Effect]:
    """Declare effects a transition may name: ``Effect(key, run, description)``.

    ``run(move)`` is called after the state changed and the history row was written, in the same
    unit of work (raise a ``Refused`` to undo the move). Keys are global: prefix them with the
    plugin's name (``"volunteers.notify_published"``). A workflow naming an unknown effect stops
    the site at start-up.
    """

"""Hooks of the domain's vocabulary of power: body kinds, actions, and permission decisions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.bodies.kinds import BodyKind
    from parvis.permissions import Action
    from parvis.site import Site


@hookspec
def register_body_kinds(site: Site) -> Sequence[BodyKind]:
    """Declare the kinds of participatory body this plugin provides, with their composition rules.

    ``site`` carries the validated settings, so seats and rules can come from the configuration."""


@hookspec
def register_actions() -> Sequence[Action]:
    """Declare the actions this plugin checks (``"budget.review_idea"``) and the roles granted them
    by default."""


@hookspec(firstresult=True)
def permission_allowed(site: Site, actor: Actor, action: str, resource: Any) -> bool | None:
    """Decide whether ``actor`` may perform ``action`` on ``resource`` (a model instance or None).

    Return True or False to decide, None to let the next implementation decide. Core's default,
    which runs last, grants an action to the roles declared for it in ``register_actions``.
    """

"""Actions and roles: who may do what, declared by plugins and decided through a hook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parvis import hookimpl
from parvis.i18n import N_

# Site-wide roles. "member" is also a per-body role, derived from active memberships; a body's
# "official" manages that body, its "facilitator" runs its meetings and sees its members.
CITIZEN, MEMBER, OFFICIAL, ADMIN = "citizen", "member", "official", "admin"
FACILITATOR = "facilitator"
# Moderators review reported and pre-moderated content (parvis.moderation), site-wide or in districts.
MODERATOR = "moderator"
ROLE_LABELS = {
    CITIZEN: N_("Citizen"),
    MEMBER: N_("Body member"),
    FACILITATOR: N_("Facilitator"),
    OFFICIAL: N_("City official"),
    MODERATOR: N_("Moderator"),
    ADMIN: N_("Administrator"),
}


@dataclass(frozen=True, slots=True)
class Action:
    """Something a route or a service checks, e.g. ``core.manage_bodies``.

    ``roles`` are granted it by default; when the resource belongs to a body, per-body roles count.
    ``district_scoped``: roles granted in a district count too, on a resource of that district
    (its ``district`` attribute, e.g. ``in_district("11")``), and with no resource when the actor
    holds the role in some district (the route then shows only those districts' things).
    """

    code: str
    description: Any
    roles: frozenset[str] = frozenset({OFFICIAL})
    district_scoped: bool = False


class Actions:
    """A plugin's actions, each written once: its constant is its declaration::

        ACTIONS = Actions()
        MANAGE = ACTIONS.declare("citylab.manage", lazy_gettext("Manage the workshops"))

    ``MANAGE`` is the action's code, the string routes and services check; the plugin answers
    ``register_actions`` with what it declared by binding ``register_actions = ACTIONS.register_actions``
    (like ``PluginFolder``'s hooks)."""

    def __init__(self) -> None:
        self._declared: list[Action] = []

    def declare(
        self,
        code: str,
        description: Any,
        roles: frozenset[str] = frozenset({OFFICIAL}),
        *,
        district_scoped: bool = False,
    ) -> str:
        self._declared.append(Action(code, description, roles, district_scoped))
        return code

    @hookimpl
    def register_actions(self) -> list[Action]:
        return list(self._declared)


@dataclass(frozen=True, slots=True)
class InDistrict:
    """A resource that is only a place: ``check(state, action, in_district(code))`` asks whether
    the actor may do a district-scoped action in that district (creating something there)."""

    district: str | None


def in_district(code: str | None) -> InDistrict:
    return InDistrict(code)

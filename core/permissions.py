"""Actions and roles: who may do what, declared by plugins and decided through a hook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parvis.i18n import N_

# Site-wide roles. "member" is also a per-body role, derived from active memberships; a body's
# "official" manages that body, its "facilitator" runs its meetings and sees its members.
CITIZEN, MEMBER, OFFICIAL, ADMIN = "citizen", "member", "official", "admin"
FACILITATOR = "facilitator"
ROLE_LABELS = {
    CITIZEN: N_("Citizen"),
    MEMBER: N_("Body member"),
    FACILITATOR: N_("Facilitator"),
    OFFICIAL: N_("City official"),
    ADMIN: N_("Administrator"),
}


@dataclass(frozen=True, slots=True)
class Action:
    """Something a route or a service checks, e.g. ``core.manage_bodies``.

    ``roles`` are granted it by default; when the resource belongs to a body, per-body roles count.
    """

    code: str
    description: Any
    roles: frozenset[str] = frozenset({OFFICIAL})

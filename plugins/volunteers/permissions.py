"""The plugin's actions and who may do them.

Officials may do everything by default (the roles in ``register_actions``). Members of an
organisation may also manage its missions, and its admins its members: that depends on the
resource, so ``permission_allowed`` looks the membership up.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import object_session

from parvis.api import CITIZEN, Actions, Actor, hookimpl, lazy_gettext
from parvis.plugins.volunteers.models import Mission, Organisation, OrgMember, OrgRole, VolunteerCampaign

ACTIONS = Actions()
MODERATE = ACTIONS.declare(
    "volunteers.moderate", lazy_gettext("Validate missions, hide reported missions, create organisations")
)
MANAGE_MISSION = ACTIONS.declare(
    "volunteers.manage_mission", lazy_gettext("Propose and run an organisation's missions")
)
MANAGE_ORG = ACTIONS.declare("volunteers.manage_org", lazy_gettext("Manage an organisation's members"))
MANAGE_CAMPAIGN = ACTIONS.declare(
    "volunteers.manage_campaign", lazy_gettext("Run campaigns and form their teams")
)
SIGN_UP = ACTIONS.declare(
    "volunteers.sign_up", lazy_gettext("Sign up for missions and campaigns"), frozenset({CITIZEN})
)


def _organisation_id(resource: Any) -> int | None:
    if isinstance(resource, Mission):
        return resource.organisation_id
    if isinstance(resource, Organisation):
        return resource.id
    return None


def membership_role(resource: Any, account_id: int) -> OrgRole | None:
    org_id = _organisation_id(resource)
    session = object_session(resource) if org_id is not None else None
    if session is None:
        return None
    return session.scalar(
        select(OrgMember.role).where(OrgMember.organisation_id == org_id, OrgMember.account_id == account_id)
    )


@hookimpl
def permission_allowed(actor: Actor, action: str, resource: Any) -> bool | None:
    """Members' rights on their organisation's resources; None lets the role defaults decide."""
    if not action.startswith("volunteers.") or actor.account is None or resource is None:
        return None
    if isinstance(resource, VolunteerCampaign) or action not in {MANAGE_MISSION, MANAGE_ORG}:
        return None
    role = membership_role(resource, actor.account.id)
    if role is None:
        return None
    if action == MANAGE_ORG and role != OrgRole.ADMIN:
        return None
    return True

"""Moderation's hook implementations (registered by core as ``parvis.moderation``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.i18n import lazy_gettext
from parvis.moderation import (
    models,  # noqa: F401 - its tables are core's schema
)
from parvis.moderation.decisions import BLOCK, MODERATE
from parvis.moderation.personal_data import declarations, erase, export, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.moderation.settings import ModerationSettings
from parvis.permissions import MODERATOR, Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl
def register_settings() -> dict[str, type]:
    return {"moderation": ModerationSettings}


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action(
            MODERATE,
            lazy_gettext("Moderate content: review reports, hide, restore and approve"),
            frozenset({MODERATOR}),
            district_scoped=True,
        ),
        Action(BLOCK, lazy_gettext("Block accounts from posting and reporting"), frozenset({MODERATOR})),
    ]


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.moderation.web import ModerationController, ReportController

    return [ReportController, ModerationController]


@hookimpl
def menu_items(request: Any) -> list[Any]:
    from parvis.i18n import _
    from parvis.moderation.service import may_moderate
    from parvis.web.context import state_of
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    state = state_of(request)
    if not state.actor.authenticated or not may_moderate(state.site, state.actor, None):
        return []
    # Staff find it on the back office's home; a moderator who is not staff, in the site's menu.
    area = "admin" if state.actor.staff else "main"
    return [MenuItem(_("Moderation"), url(request, "/admin/moderation"), order=85, area=area)]

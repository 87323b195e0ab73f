"""Notifications as a built-in plugin (``parvis.notifications``): follows, in-app notifications,
notification mail and digests, one-click unsubscribe, newsletters.

Its hook implementations: the pages, the mail jobs, the back office's action, its personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.i18n import lazy_gettext
from parvis.notifications import models  # noqa: F401 - the tables join the metadata
from parvis.notifications.privacy import declarations, erase, export, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.permissions import OFFICIAL, Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

PLUGIN_NAME = "parvis.notifications"
SEND_NEWSLETTERS = "core.send_newsletters"


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.notifications.newsletters_web import NewsletterAdminController
    from parvis.notifications.web import CONTROLLERS

    return [*CONTROLLERS, NewsletterAdminController]


@hookimpl
def register_jobs(site: Site) -> list[Any]:
    from parvis.notifications import mailing, newsletters

    return [*mailing.definitions(), *newsletters.definitions()]


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action(
            SEND_NEWSLETTERS,
            lazy_gettext("Write newsletters and send them to the people who asked for them"),
            frozenset({OFFICIAL}),
        )
    ]


@hookimpl
def menu_items(request: Any) -> list[Any]:
    from parvis.i18n import _
    from parvis.web.context import state_of
    from parvis.web.guards import allowed
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    if allowed(state_of(request), SEND_NEWSLETTERS):
        return [MenuItem(_("Newsletters"), url(request, "/admin/newsletters"), order=85, area="admin")]
    return []

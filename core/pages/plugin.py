"""Core's static pages as a built-in plugin (``parvis.pages``), registered after ``parvis.core``:
its routes, its action, its menu and footer links, its demo data and its personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.i18n import lazy_gettext
from parvis.pages import models  # noqa: F401 - its tables join core's metadata
from parvis.pages.privacy import declarations, erase, export  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.permissions import ADMIN, OFFICIAL, Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

PLUGIN_NAME = "parvis.pages"
MANAGE_PAGES = "core.manage_pages"


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action(
            MANAGE_PAGES,
            lazy_gettext("Write, publish and place the site's pages (legal notice, accessibility...)"),
            frozenset({OFFICIAL, ADMIN}),
        )
    ]


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.pages.routes_admin import PagesAdminController
    from parvis.pages.routes_public import AccessibilityController, PagesController

    return [PagesController, AccessibilityController, PagesAdminController]


@hookimpl
def register_content_kinds(site: Site) -> list[Any]:
    from parvis.pages import content

    return content.content_kinds()


@hookimpl
def search_documents(db: Any, site: Site) -> Any:
    from parvis.pages import content

    return content.search_documents(db, site)


@hookimpl
def menu_items(request: Any) -> list[Any]:
    from parvis.i18n import _
    from parvis.pages.routes_public import menu_items as page_links
    from parvis.web.context import state_of
    from parvis.web.guards import allowed
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    items = page_links(request)
    if allowed(state_of(request), MANAGE_PAGES):
        items.append(MenuItem(_("Pages"), url(request, "/admin/pages"), order=85, area="admin"))
    return items


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.pages import defaults

    defaults.ensure(db, demo.site)


# -- personal data: the account of each page edit (parvis.pages.privacy) --

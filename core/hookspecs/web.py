"""Hooks of the web site: routes, templates, static files, content security sources, navigation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import ControllerRouterHandler
    from sqlalchemy.orm import Session

    from parvis.site import Site
    from parvis.web.navigation import HomePanel, MenuItem


@hookspec
def register_routes(site: Site) -> Sequence[ControllerRouterHandler]:
    """Return Litestar controllers, routers or handlers for pages.

    They are mounted under the locale prefix (``/fr/...``, ``/en/...``, ``/ja/...``), so a handler
    declared at ``/budget`` answers ``/fr/budget``. Protect them with the guards in
    ``parvis.web.guards``; every route needs an explicit authorisation rule.
    """


@hookspec
def register_api_routes(site: Site) -> Sequence[ControllerRouterHandler]:
    """Return handlers served without a locale prefix under ``/api`` (JSON, CSV, iCal, open data)."""


@hookspec
def register_template_dirs(site: Site) -> Sequence[Path]:
    """Return folders searched for Jinja templates, before core's (so a theme plugin may override them).

    Keep a plugin's templates in a sub-folder named after it (``budget/idea.html``).
    """


@hookspec
def register_static_dirs(site: Site) -> dict[str, Path]:
    """Return ``{name: folder}``; each folder is served at ``/static/<name>/``."""


@hookspec
def content_security_sources(site: Site) -> dict[str, Sequence[str]]:
    """Extra sources the Content-Security-Policy must allow, by directive.

    For example ``{"img-src": ["https://tile.openstreetmap.org"]}`` for a map's tiles. Scripts and
    styles stay limited to the site itself; only add what a feature cannot work without.
    """


@hookspec
def menu_items(request: Request[Any, Any, Any]) -> Sequence[MenuItem]:
    """Return the menu entries this plugin offers to the current visitor (already translated):
    the main menu (``area="main"``), the footer (``"footer"``) or the back office's home (``"admin"``)."""


@hookspec
def home_panels(request: Request[Any, Any, Any], db: Session) -> Sequence[HomePanel]:
    """Return what the home page shows for this plugin: a body, an open call, a vote in progress."""

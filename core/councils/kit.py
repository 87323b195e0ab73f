"""The hooks every council plugin implements the same way, as one object per council.

A council plugin registers it from its ``add_hookspecs`` hook (pytest's "a plugin registers a
helper plugin" pattern), so the plugin module keeps only what is its own::

    @hookimpl
    def add_hookspecs(pm):
        register_council(pm, CouncilPluginHooks(COUNCIL, HERE), "youth_council.council")

``register_council`` also registers core's councils feature (``parvis.councils``: the
``register_councils`` hook, the shared pages under ``/bodies/{slug}/...`` and
``/councils/open-sessions``, the yearly limit on vœux) the first time a council plugin needs it:
a site without any council plugin has none of these routes, menu entries or texts.

It declares the council's settings, translations, templates and the council itself, serves its
presentation page at ``council.path``, and adds its menu entry and home-page card.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy
from litestar import Request, get
from litestar.handlers import HTTPRouteHandler
from litestar.response import Template

from parvis.councils.home import council_home, main_body
from parvis.councils.spec import Council
from parvis.i18n import TranslationDomain, _, default_localedir
from parvis.pluginmanager import hookimpl
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.navigation import HomePanel, MenuItem
from parvis.web.render import url
from parvis.web.types import DB


def home_route(council: Council) -> HTTPRouteHandler:
    @get(council.path, guards=[public], name=f"{council.section}-home")
    def home(request: Request[Any, Any, Any], db: DB) -> Template:
        site = state_of(request).site
        body = main_body(db, council)
        extra = council.home_context(db, site, body) if body is not None else {}
        return council_home(request, db, council, council.template, title=str(council.title), **extra)

    return home


COUNCILS_PLUGIN = "parvis.councils"


def register_council(pm: pluggy.PluginManager, hooks: CouncilPluginHooks, name: str) -> None:
    """Register a council plugin's shared hooks, and core's councils feature once per site."""
    if pm.get_plugin(COUNCILS_PLUGIN) is None and not pm.is_blocked(COUNCILS_PLUGIN):
        from parvis.councils import plugin as councils_plugin

        pm.register(councils_plugin, COUNCILS_PLUGIN)
    pm.register(hooks, name)


class CouncilPluginHooks:
    def __init__(self, council: Council, folder: Path) -> None:
        self.council = council
        self.folder = folder

    @hookimpl
    def register_settings(self) -> dict[str, type]:
        return {self.council.section: self.council.settings_type}

    @hookimpl
    def register_translations(self) -> TranslationDomain | None:
        """The council's domain, when Parvis's catalogs have one (a council declared elsewhere,
        without catalogs of its own, is worded by core's)."""
        localedir = default_localedir()
        if not any(localedir.glob(f"*/LC_MESSAGES/{self.council.section}.po")):
            return None
        return TranslationDomain(self.council.section, localedir)

    @hookimpl
    def register_template_dirs(self, site) -> list[Path]:
        return [self.folder / "templates"]

    @hookimpl
    def register_councils(self) -> list[Council]:
        return [self.council]

    @hookimpl
    def register_routes(self, site) -> list[Any]:
        return [home_route(self.council)]

    @hookimpl
    def menu_items(self, request: Any) -> list[MenuItem]:
        return [MenuItem(str(self.council.title), url(request, self.council.path), order=self.council.order)]

    @hookimpl
    def home_panels(self, request: Any, db: Any) -> list[HomePanel]:
        council = self.council
        link = url(request, council.path)
        return [
            HomePanel(str(council.title), str(council.summary), link, _("Learn more"), order=council.order)
        ]

    # -- personal data: the council's applications (parvis.councils.privacy) -------------------

    @hookimpl
    def register_personal_data(self, site: Any) -> list[Any]:
        from parvis.councils import privacy

        return privacy.declarations(self.council, site)

    @hookimpl
    def export_personal_data(self, db: Any, site: Any, person: Any) -> list[Any]:
        from parvis.councils import privacy

        return privacy.export(self.council, db, site, person)

    @hookimpl
    def personal_data_kept(self, db: Any, site: Any, person: Any) -> list[Any]:
        from parvis.councils import privacy

        return privacy.kept(self.council, db, site, person)

    @hookimpl
    def erase_personal_data(self, db: Any, site: Any, person: Any) -> list[Any]:
        from parvis.councils import privacy

        return privacy.erase(self.council, db, site, person)

    @hookimpl
    def purge_personal_data(self, db: Any, site: Any, now: Any) -> dict[str, int]:
        from parvis.councils import privacy

        return privacy.purge(self.council, db, site, now)

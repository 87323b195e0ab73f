"""Registration of the youth_council plugin (its features arrive with their own issue)."""

from __future__ import annotations

from typing import Any

from parvis.i18n import TranslationDomain, _, default_localedir, lazy_gettext
from parvis.pluginmanager import hookimpl
from parvis.web.navigation import HomePanel, MenuItem
from parvis.web.placeholder import placeholder_page
from parvis.web.render import url

TITLE = lazy_gettext("Paris Youth Council")


@hookimpl
def register_translations() -> TranslationDomain:
    return TranslationDomain("youth_council", default_localedir())


@hookimpl
def register_routes() -> list[Any]:
    return [placeholder_page("/youth-council", TITLE, "youth_council-home")]


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    return [MenuItem(str(TITLE), url(request, "/youth-council"))]


@hookimpl
def home_panels(request: Any, db: Any) -> list[HomePanel]:
    return [
        HomePanel(str(TITLE), _("Coming soon on this site."), url(request, "/youth-council"), _("Learn more"))
    ]

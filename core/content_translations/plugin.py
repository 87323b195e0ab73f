"""Translations of officials' texts as a built-in plugin (``parvis.content_translations``),
registered by core: its table, its back office, core's translatable kinds (bodies, decisions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.content_translations import models  # noqa: F401 - the table joins the metadata
from parvis.i18n import _
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

PLUGIN_NAME = "parvis.content_translations"


@hookimpl
def register_translatable_kinds(site: Site) -> list[Any]:
    from parvis.content_translations.core_kinds import translatable_kinds

    return translatable_kinds()


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.content_translations.web import TranslationsController

    return [TranslationsController]


@hookimpl(trylast=True)
def seed_demo_data(db: Any, demo: Any) -> None:
    """After every plugin's bodies and calls: a few of their translations."""
    from parvis.content_translations.demo import seed

    demo.progress(_("translations"))
    seed(db, demo.site)


@hookimpl
def menu_items(request: Any) -> list[Any]:
    """The back office's card "Translations to do", for staff of a site with several languages."""
    from parvis.content_translations.registry import other_languages
    from parvis.web.context import state_of
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    state = state_of(request)
    if not state.actor.staff or not other_languages(state.site):
        return []
    return [MenuItem(_("Translations to do"), url(request, "/admin/translations"), order=85, area="admin")]

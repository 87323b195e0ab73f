"""The Citizens' Assembly plugin: its hooks, most imported from the modules that build their answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parvis.api import (
    HomePanel,
    MenuItem,
    PluginFolder,
    Site,
    _,
    default_localedir,
    hookimpl,
    lazy_gettext,
    url,
)
from parvis.plugins.assembly import models, permissions  # noqa: F401 - registers the tables
from parvis.plugins.assembly.jobs import register_jobs  # noqa: F401 - a hook
from parvis.plugins.assembly.kinds import register_body_kinds  # noqa: F401 - a hook
from parvis.plugins.assembly.lifecycle import register_life_cycles  # noqa: F401 - a hook
from parvis.plugins.assembly.services.personal_data import declarations, erase, export, kept, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.assembly.settings import AssemblySettings
from parvis.plugins.assembly.translations import register_translatable_kinds  # noqa: F401 - a hook

HERE = Path(__file__).parent
TITLE = lazy_gettext("Citizens' Assembly")

# The hooks of the folder's layout: settings, catalogs, migrations, templates; and of its actions.
FOLDER = PluginFolder("assembly", HERE, settings=AssemblySettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_actions = permissions.ACTIONS.register_actions


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.plugins.assembly.web import routes

    return routes()


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    from parvis.api import allowed, state_of

    items = [MenuItem(str(TITLE), url(request, "/assembly"), order=20)]
    if allowed(state_of(request), permissions.MANAGE):
        items.append(
            MenuItem(
                _("Citizens' Assembly: promotions and draws"), url(request, "/admin/assembly"), area="admin"
            )
        )
    return items


@hookimpl
def home_panels(request: Any, db: Any) -> list[HomePanel]:
    from parvis.plugins.assembly.web.public import home_panels as panels

    return panels(request, db)


@hookimpl
def register_commands(cli: Any) -> None:
    from parvis.plugins.assembly.cli import assembly

    cli.add_command(assembly)


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.assembly.demo import seed

    seed(db, demo)

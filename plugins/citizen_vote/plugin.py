"""Citizen votes: the plugin's hooks, most imported from the modules that build their answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parvis.api import MenuItem, PluginFolder, Site, _, allowed, default_localedir, hookimpl, state_of, url
from parvis.plugins.citizen_vote import models  # noqa: F401 - its tables, which `parvis db revision` compares
from parvis.plugins.citizen_vote.jobs import register_jobs  # noqa: F401 - a hook
from parvis.plugins.citizen_vote.permissions import ACTIONS, MANAGE
from parvis.plugins.citizen_vote.privacy import declarations, erase, export, kept  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.citizen_vote.settings import CitizenVoteSettings

HERE = Path(__file__).parent
NAME = "citizen_vote"

# The hooks of the folder's layout: settings, catalogs, migrations, templates, static files; and
# of its actions.
FOLDER = PluginFolder(NAME, HERE, settings=CitizenVoteSettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_static_dirs = FOLDER.register_static_dirs
register_actions = ACTIONS.register_actions


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.plugins.citizen_vote.web import routes

    return routes()


@hookimpl
def register_api_routes(site: Site) -> list[Any]:
    from parvis.plugins.citizen_vote.web import api_routes

    return api_routes()


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    items = [MenuItem(_("Citizen votes"), url(request, "/votes"), order=55)]
    if allowed(state_of(request), MANAGE):
        items.append(
            MenuItem(_("Citizen votes: set up and count"), url(request, "/admin/votes"), area="admin")
        )
    return items


@hookimpl
def register_commands(cli: Any) -> None:
    from parvis.plugins.citizen_vote.cli import group

    cli.add_command(group)


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.citizen_vote.demo import seed

    seed(db, demo)


@hookimpl
def purge_personal_data(db: Any, site: Site, now: Any) -> dict[str, int]:
    from parvis.plugins.citizen_vote import services

    return {"citizen_vote.roll": services.purge(db, site, now)}

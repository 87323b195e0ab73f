"""Citizen votes: hook implementations only; the work is in the modules beside this one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parvis.api import (
    OFFICIAL,
    Action,
    MenuItem,
    PluginFolder,
    Site,
    _,
    allowed,
    default_localedir,
    hookimpl,
    lazy_gettext,
    state_of,
    url,
)
from parvis.plugins.citizen_vote import models  # noqa: F401 - its tables, which `parvis db revision` compares
from parvis.plugins.citizen_vote.privacy import declarations, erase, export, kept  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.citizen_vote.settings import CitizenVoteSettings

HERE = Path(__file__).parent
NAME = "citizen_vote"
MANAGE = "citizen_vote.manage"
COUNT = "citizen_vote.count"

# The hooks of the folder's layout: settings, catalogs, migrations, templates, static files.
FOLDER = PluginFolder(NAME, HERE, settings=CitizenVoteSettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_static_dirs = FOLDER.register_static_dirs


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action(
            MANAGE,
            lazy_gettext("Set up citizen votes: questions, roll, places, clerks"),
            frozenset({OFFICIAL}),
        ),
        Action(
            COUNT,
            lazy_gettext("Enter the counts of citizen votes and publish results"),
            frozenset({OFFICIAL}),
        ),
    ]


@hookimpl
def register_jobs(site: Site) -> list[Any]:
    from parvis.api import JobDefinition, Visibility, crontab
    from parvis.plugins.citizen_vote.jobs import count_turnout, freeze_electorate, import_roll, report_pdf

    every = min(max(site.settings(NAME).turnout_minutes, 1), 30)
    return [
        JobDefinition(
            "citizen_vote.import_roll", import_roll, lazy_gettext("Import of an electoral roll"), retries=0
        ),
        JobDefinition(
            "citizen_vote.freeze_electorate",
            freeze_electorate,
            lazy_gettext("Freezing of a vote's electorate of residents"),
            retries=0,
        ),
        JobDefinition(
            "citizen_vote.report_pdf",
            report_pdf,
            lazy_gettext("Control commission's report (PDF)"),
            visibility=Visibility.OFFICIALS,
        ),
        # Public pages read the turnout this job counts: never the poll book's marks themselves.
        JobDefinition(
            "citizen_vote.turnout",
            count_turnout,
            lazy_gettext("Live turnout of citizen votes"),
            retries=0,
            schedule=crontab(minute=f"*/{every}"),
        ),
    ]


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

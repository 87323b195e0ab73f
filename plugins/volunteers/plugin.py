"""The volunteers plugin ("Volontaires de Paris" / "Act for Paris"): its hooks, most imported from
the modules that build their answers (search, sign-up, notifications, campaigns, web, CLI, demo)."""

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
    ngettext,
    url,
)
from parvis.plugins.volunteers import (
    models,  # noqa: F401 - registers the tables in the metadata
    permissions,
)
from parvis.plugins.volunteers.content import register_content_kinds, search_documents  # noqa: F401 - hooks
from parvis.plugins.volunteers.conversation import register_commenting  # noqa: F401 - a hook
from parvis.plugins.volunteers.jobs import register_jobs  # noqa: F401 - a hook
from parvis.plugins.volunteers.lifecycle import register_life_cycles, register_workflow_effects  # noqa: F401 - hooks
from parvis.plugins.volunteers.permissions import permission_allowed  # noqa: F401 - a hook
from parvis.plugins.volunteers.personal_data import declarations, erase, export, kept, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.volunteers.search import schema  # noqa: F401 - creates the full-text objects with the tables
from parvis.plugins.volunteers.settings import VolunteersSettings
from parvis.plugins.volunteers.translations import register_translatable_kinds  # noqa: F401 - a hook

HERE = Path(__file__).parent
TITLE = lazy_gettext("Volunteering")

# The hooks of the folder's layout: settings, catalogs, migrations, templates, static files; and
# of its actions.
FOLDER = PluginFolder("volunteers", HERE, settings=VolunteersSettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_static_dirs = FOLDER.register_static_dirs
register_actions = permissions.ACTIONS.register_actions


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.plugins.volunteers.web.campaigns import CampaignController
    from parvis.plugins.volunteers.web.me import MeController
    from parvis.plugins.volunteers.web.missions import MissionController, ParticipationController
    from parvis.plugins.volunteers.web.moderation import ModerationController
    from parvis.plugins.volunteers.web.organisations import OrganisationController
    from parvis.plugins.volunteers.web.organiser import OrganiserController
    from parvis.plugins.volunteers.web.search import SearchController

    return [
        SearchController,
        MissionController,
        ParticipationController,
        OrganisationController,
        OrganiserController,
        ModerationController,
        MeController,
        CampaignController,
    ]


@hookimpl
def register_api_routes(site: Site) -> list[Any]:
    from parvis.plugins.volunteers.web.api import OpenDataController

    return [OpenDataController]


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    from parvis.api import allowed, state_of

    items = [MenuItem(str(TITLE), url(request, "/volunteers"), order=60)]
    state = state_of(request)
    if allowed(state, permissions.MODERATE):
        items.append(
            MenuItem(
                _("Volunteering: missions to validate and reports"),
                url(request, "/volunteers/moderation"),
                area="admin",
            )
        )
        items.append(
            MenuItem(
                _("Volunteering: new organisation"),
                url(request, "/volunteers/organisations/new"),
                area="admin",
            )
        )
    if allowed(state, permissions.MANAGE_CAMPAIGN):
        items.append(
            MenuItem(_("Volunteering: new campaign"), url(request, "/volunteers/campaigns/new"), area="admin")
        )
    return items


@hookimpl
def home_panels(request: Any, db: Any) -> list[HomePanel]:
    from parvis.plugins.volunteers.search.query import open_count

    count = open_count(db)
    text = ngettext("{count} mission open now.", "{count} missions open now.", count).format(count=count)
    return [
        HomePanel(
            str(TITLE),
            text + " " + _("Give some of your time to associations and the City."),
            url(request, "/volunteers"),
            _("Find a mission"),
            order=60,
        )
    ]


@hookimpl
def register_commands(cli: Any) -> None:
    from parvis.plugins.volunteers.cli import volunteers

    cli.add_command(volunteers)


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.volunteers.demo import seed

    seed(db, demo)

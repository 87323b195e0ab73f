"""Neighbourhood councils and "Beautify your neighbourhood": the hooks, most imported from their modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parvis.api import (
    HomePanel,
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
from parvis.plugins.neighbourhood_councils import models  # noqa: F401 - its tables
from parvis.plugins.neighbourhood_councils.content import register_content_kinds, search_documents  # noqa: F401 - hooks
from parvis.plugins.neighbourhood_councils.conversation import register_commenting  # noqa: F401 - a hook
from parvis.plugins.neighbourhood_councils.permissions import ACTIONS, MANAGE
from parvis.plugins.neighbourhood_councils.personal_data import declarations, erase, export, kept, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.neighbourhood_councils.settings import NeighbourhoodCouncilsSettings
from parvis.plugins.neighbourhood_councils.translations import register_translatable_kinds  # noqa: F401 - a hook
from parvis.plugins.neighbourhood_councils.voeux import register_decision_types, register_workflows  # noqa: F401 - hooks

HERE = Path(__file__).parent
NAME = "neighbourhood_councils"
KIND = "neighbourhood_council"  # the core body kind of each council
TITLE = lazy_gettext("Neighbourhood councils")

# The hooks of the folder's layout: settings, catalogs, migrations, templates; and of its actions.
FOLDER = PluginFolder(NAME, HERE, settings=NeighbourhoodCouncilsSettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_actions = ACTIONS.register_actions


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.plugins.neighbourhood_councils.web import routes

    return routes()


@hookimpl
def register_api_routes(site: Site) -> list[Any]:
    from parvis.plugins.neighbourhood_councils.web.public import meetings_calendar

    return [meetings_calendar]


@hookimpl
def register_body_kinds(site: Site) -> list[Any]:
    from parvis.api.bodies import BodyKind

    return [
        BodyKind(
            code=KIND,
            label=lazy_gettext("Neighbourhood council"),
            description=lazy_gettext(
                "A consultative council of a neighbourhood, open to everyone who lives, works, studies "
                "or is active in an association in {site.district:the}: it debates, proposes and "
                "addresses vœux to the council {site.district:of}."
            ),
            plugin=NAME,
            colleges=[],
            group_kinds=(),
            member_roles=(),
            meeting_kinds=("plenary", "commission"),
        )
    ]


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    items = [
        MenuItem(str(TITLE), url(request, "/neighbourhood-councils"), order=55),
        MenuItem(_("Beautify your neighbourhood"), url(request, "/beautify"), order=56),
    ]
    if allowed(state_of(request), MANAGE):
        items.append(
            MenuItem(
                _("Neighbourhood councils and Beautify programmes"),
                url(request, "/admin/neighbourhood-councils"),
                area="admin",
            )
        )
    return items


@hookimpl
def home_panels(request: Any, db: Any) -> list[HomePanel]:
    return [
        HomePanel(
            str(TITLE),
            _("Find the council of your neighbourhood, join it and follow its meetings and vœux."),
            url(request, "/neighbourhood-councils"),
            _("Find my council"),
            order=55,
        )
    ]


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.neighbourhood_councils.demo import seed

    seed(db, demo)

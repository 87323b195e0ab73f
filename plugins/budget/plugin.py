"""The participatory budget plugin: its hooks, most imported from the modules that build their answers.

The vote-counting rules are the pure library in ``rules/``, offered through this plugin's own hook
``register_ballot_rules`` (``hookspecs.py``) with the built-ins as a ``trylast`` default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy

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
from parvis.plugins.budget import hookspecs, models, permissions  # noqa: F401 - registers the tables
from parvis.plugins.budget.ballot_rules import check_settings, register_ballot_rules  # noqa: F401 - hooks
from parvis.plugins.budget.content import register_content_kinds, search_documents  # noqa: F401 - hooks
from parvis.plugins.budget.conversation import (  # noqa: F401 - hooks
    register_commenting,
    register_debate_spaces,
    register_supports,
)
from parvis.plugins.budget.lifecycle import register_life_cycles  # noqa: F401 - a hook
from parvis.plugins.budget.services.exports import register_jobs  # noqa: F401 - a hook
from parvis.plugins.budget.services.personal_data import declarations, erase, export, kept, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.budget.services.realisation import (  # noqa: F401 - hooks
    register_body_kinds,
    register_decision_types,
    register_workflows,
)
from parvis.plugins.budget.settings import BudgetSettings
from parvis.plugins.budget.translations import register_translatable_kinds  # noqa: F401 - a hook

HERE = Path(__file__).parent
TITLE = lazy_gettext("Participatory budget")

# The hooks of the folder's layout: settings, catalogs, migrations, templates, static files; and
# of its actions.
FOLDER = PluginFolder("budget", HERE, settings=BudgetSettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_static_dirs = FOLDER.register_static_dirs
register_actions = permissions.ACTIONS.register_actions


@hookimpl
def add_hookspecs(pm: pluggy.PluginManager) -> None:
    pm.add_hookspecs(hookspecs)


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.plugins.budget.web import routes

    return routes()


@hookimpl
def register_api_routes(site: Site) -> list[Any]:
    from parvis.plugins.budget.web.api import BudgetApiController

    return [BudgetApiController]


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    from parvis.api import allowed, state_of

    items = [MenuItem(str(TITLE), url(request, "/budget"), order=40)]
    if allowed(state_of(request), permissions.MANAGE) or allowed(state_of(request), permissions.REVIEW):
        items.append(
            MenuItem(_("Participatory budget: campaigns"), url(request, "/admin/budget"), area="admin")
        )
    return items


@hookimpl
def home_panels(request: Any, db: Any) -> list[HomePanel]:
    from parvis.plugins.budget.web.home import home_panels as panels

    return panels(request, db)


@hookimpl
def register_commands(cli: Any) -> None:
    from parvis.plugins.budget.cli import budget

    cli.add_command(budget)


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.budget.demo import seed

    seed(db, demo)

"""The participatory budget plugin: hook implementations only.

Models, services, controllers, templates, CLI and demo data live in their own modules; the
vote-counting rules are the pure library in ``rules/``, offered through this plugin's own hook
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
from parvis.plugins.budget.services.personal_data import declarations, erase, export, kept, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.plugins.budget.settings import BudgetSettings

HERE = Path(__file__).parent
TITLE = lazy_gettext("Participatory budget")

# The hooks of the folder's layout: settings, catalogs, migrations, templates, static files.
FOLDER = PluginFolder("budget", HERE, settings=BudgetSettings, localedir=default_localedir())
register_settings = FOLDER.register_settings
register_translations = FOLDER.register_translations
register_migrations = FOLDER.register_migrations
register_template_dirs = FOLDER.register_template_dirs
register_static_dirs = FOLDER.register_static_dirs


@hookimpl
def add_hookspecs(pm: pluggy.PluginManager) -> None:
    pm.add_hookspecs(hookspecs)


@hookimpl(trylast=True)
def register_ballot_rules(settings: BudgetSettings) -> list[Any]:
    from parvis.plugins.budget.ballot_rules import builtin_rules

    return builtin_rules(settings)


@hookimpl
def register_content_kinds(site: Any) -> list[Any]:
    from parvis.plugins.budget import content

    return content.content_kinds()


@hookimpl
def register_translatable_kinds(site: Any) -> list[Any]:
    from parvis.plugins.budget import translations

    return translations.translatable_kinds()


@hookimpl
def register_commenting(site: Any) -> list[Any]:
    from parvis.plugins.budget import conversation

    return conversation.commenting()


@hookimpl
def register_supports(site: Any) -> list[Any]:
    from parvis.plugins.budget import conversation

    return conversation.supporting()


@hookimpl
def register_debate_spaces(site: Any) -> list[Any]:
    from parvis.plugins.budget import conversation

    return conversation.debate_spaces()


@hookimpl
def search_documents(db: Any, site: Any) -> list[Any]:
    from parvis.plugins.budget import content

    return content.search_documents(db, site)


@hookimpl
def register_life_cycles(site: Any) -> list[Any]:
    from parvis.plugins.budget import lifecycle

    return lifecycle.life_cycles()


@hookimpl
def check_settings(site: Any) -> None:
    """The counting rule must be one a plugin registers (``[settings.budget] rule``), and able to
    apply the Qpop mode."""
    from parvis.api import config_error
    from parvis.plugins.budget.ballot_rules import UnknownRuleError, configured_rule

    try:
        rule = configured_rule(site)
    except UnknownRuleError as error:
        raise config_error(site.config.path, "settings.budget.rule", str(error)) from None
    if not rule.supports_qpop and site.settings("budget").qpop_mode != "none":
        raise config_error(
            site.config.path,
            "settings.budget.qpop_mode",
            _("the rule '{rule}' does not share money by Qpop: set qpop_mode = \"none\"").format(
                rule=rule.name
            ),
        )


@hookimpl
def register_actions() -> list[Any]:
    return permissions.actions()


@hookimpl
def register_jobs(site: Any) -> list[Any]:
    from parvis.api import JobDefinition, Visibility
    from parvis.plugins.budget.services.exports import export_job

    # Published open data, asked for by anyone: its job's page is public.
    return [
        JobDefinition(
            "budget.export", export_job, lazy_gettext("Open data file"), visibility=Visibility.PUBLIC
        )
    ]


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


@hookimpl
def register_body_kinds() -> list[Any]:
    from parvis.api.bodies import BodyKind
    from parvis.plugins.budget.services.realisation import BODY_KIND

    return [
        BodyKind(
            code=BODY_KIND,
            label=TITLE,
            plugin="budget",
            description=lazy_gettext(
                "Residents propose projects and vote to decide part of the City's investment budget; "
                "the City reports on how each winning project is carried out."
            ),
            group_kinds=(),
            member_roles=(),
            meeting_kinds=("workshop",),
        )
    ]


@hookimpl
def register_decision_types() -> list[Any]:
    from parvis.api.decisions import DecisionType
    from parvis.plugins.budget.services.realisation import DECISION_TYPE, WORKFLOW_NAME

    return [
        DecisionType(
            DECISION_TYPE,
            lazy_gettext("Participatory-budget project"),
            lazy_gettext("Participatory-budget projects"),
            WORKFLOW_NAME,
            "budget",
        )
    ]


@hookimpl
def register_workflows() -> list[Any]:
    from parvis.plugins.budget.services.realisation import WORKFLOW

    return [WORKFLOW]

"""The Parvis plugin API.

A plugin is a module (or object) with functions named like the hooks below and decorated with
`parvis.hookimpl`. It is installed as an entry point in the group ``parvis`` and enabled in the
site configuration's ``[plugins] enabled`` list. Every hook here is documented in docs/plugins.md
and exercised by tests/core/test_hookspecs.py; keep all three in step.

The hook API has a version (``parvis.hookversions.HOOK_API_VERSION``, also in ``parvis.api``): a
changed hook keeps its old form for one minor version, with a deprecation warning
(``parvis.hookversions.DEPRECATIONS``); docs/plugins.md ("Stability") lists the stable hooks.

Hooks that answer once are `firstresult`; every other hook collects one answer per plugin and
Parvis combines them. Built-in behaviour a city may replace is a default implementation marked
`trylast`, so a plugin's own implementation runs first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    import msgspec
    from litestar import Litestar, Request
    from litestar.types import ControllerRouterHandler
    from sqlalchemy.orm import Session

    from parvis.auth import Actor
    from parvis.bodies.kinds import BodyKind
    from parvis.content import ContentKind
    from parvis.decisions.models import Decision
    from parvis.decisions.registry import DecisionType
    from parvis.decisions.workflow import Transition, Workflow
    from parvis.demo import DemoContext
    from parvis.health import ReadinessCheck
    from parvis.i18n import TranslationDomain
    from parvis.identity import Account, Person
    from parvis.jobs import JobDefinition
    from parvis.permissions import Action
    from parvis.privacy import ExportSection, Kept, PersonalData
    from parvis.search import SearchDocument
    from parvis.site import Site
    from parvis.web.navigation import HomePanel, MenuItem
    from parvis.workflows.lifecycle import Effect, LifeCycle

hookspec = pluggy.HookspecMarker("parvis")


# ---------------------------------------------------------------------------
# Configuration and start-up
# ---------------------------------------------------------------------------


@hookspec(historic=True)
def add_hookspecs(pm: pluggy.PluginManager) -> None:
    """Add a plugin's own hookspecs with ``pm.add_hookspecs(module)`` (pytest's ``pytest_addhooks`` pattern).

    Called once every plugin is registered; other plugins may then implement the new hooks.
    """


@hookspec
def register_settings() -> dict[str, type[msgspec.Struct]]:
    """Declare the plugin's settings.

    Return ``{section: Struct}``: the ``[settings.<section>]`` table of the site configuration is
    validated against the struct when Parvis starts (a bad value stops it with the file and key),
    and the validated instance is available as ``site.settings(section)``. Every field needs a
    default: a sensible value for any city (Paris's when it has one), which a city overrides in its TOML
    file. A field naming an eligibility rule has the type ``EligibilityRuleName``.
    """


@hookspec
def check_settings(site: Site) -> None:
    """Refuse settings that name something unknown, once everything is registered.

    Called at the end of building the site (every start and ``parvis config check``), after every
    plugin's settings struct has been validated: check here what a struct cannot check alone (a
    rule, workflow or district named by a setting) and raise ``config_error(site.config.path,
    "settings.<section>.<key>", reason)`` (``parvis.api``), which finds the key's line and words
    the message in the operator's language. Return nothing.
    """


@hookspec
def register_translations() -> TranslationDomain:
    """Return the plugin's gettext domain: ``TranslationDomain(name, localedir)``.

    Catalogs are read from ``<localedir>/<lang>/LC_MESSAGES/<name>.po`` for every site locale.
    """


@hookspec
def register_migrations() -> Path:
    """Return the folder of the plugin's Alembic revisions (a branch of its own, labelled with its name).

    ``parvis db upgrade`` applies every enabled plugin's branch after core's.
    """


@hookspec
def startup(site: Site, app: Litestar) -> None:
    """Called once when the web application starts, after the database is reachable."""


@hookspec
def readiness_checks(site: Site) -> Sequence[ReadinessCheck]:
    """Return what must work for this node to serve requests, for ``GET /readyz``.

    Each ``parvis.health.ReadinessCheck(name, check)`` has ``check(site)`` return None when ready,
    else a short sentence saying what is wrong (``/readyz`` then answers 503 with it). Core checks
    the database and its migrations; a job queue checks that it can reach its broker. A check runs
    on every probe (every few seconds): keep it to one cheap round trip.
    """


# ---------------------------------------------------------------------------
# Web: routes, templates, static files, navigation
# ---------------------------------------------------------------------------


@hookspec
def register_routes(site: Site) -> Sequence[ControllerRouterHandler]:
    """Return Litestar controllers, routers or handlers for pages.

    They are mounted under the locale prefix (``/fr/...``, ``/en/...``, ``/ja/...``), so a handler
    declared at ``/budget`` answers ``/fr/budget``. Protect them with the guards in
    ``parvis.web.guards``; every route needs an explicit authorisation rule.
    """


@hookspec
def register_api_routes(site: Site) -> Sequence[ControllerRouterHandler]:
    """Return handlers served without a locale prefix under ``/api`` (JSON, CSV, iCal, open data)."""


@hookspec
def register_template_dirs(site: Site) -> Sequence[Path]:
    """Return folders searched for Jinja templates, before core's (so a theme plugin may override them).

    Keep a plugin's templates in a sub-folder named after it (``budget/idea.html``).
    """


@hookspec
def register_static_dirs(site: Site) -> dict[str, Path]:
    """Return ``{name: folder}``; each folder is served at ``/static/<name>/``."""


@hookspec
def content_security_sources(site: Site) -> dict[str, Sequence[str]]:
    """Extra sources the Content-Security-Policy must allow, by directive.

    For example ``{"img-src": ["https://tile.openstreetmap.org"]}`` for a map's tiles. Scripts and
    styles stay limited to the site itself; only add what a feature cannot work without.
    """


@hookspec
def menu_items(request: Request[Any, Any, Any]) -> Sequence[MenuItem]:
    """Return the main-menu entries this plugin offers to the current visitor (already translated)."""


@hookspec
def home_panels(request: Request[Any, Any, Any], db: Session) -> Sequence[HomePanel]:
    """Return what the home page shows for this plugin: a body, an open call, a vote in progress."""


# ---------------------------------------------------------------------------
# Domain: bodies, actions and permissions
# ---------------------------------------------------------------------------


@hookspec
def register_body_kinds(site: Site) -> Sequence[BodyKind]:
    """Declare the kinds of participatory body this plugin provides, with their composition rules.

    ``site`` carries the validated settings, so seats and rules can come from the configuration."""


@hookspec
def register_actions() -> Sequence[Action]:
    """Declare the actions this plugin checks (``"budget.review_idea"``) and the roles granted them
    by default."""


@hookspec(firstresult=True)
def permission_allowed(site: Site, actor: Actor, action: str, resource: Any) -> bool | None:
    """Decide whether ``actor`` may perform ``action`` on ``resource`` (a model instance or None).

    Return True or False to decide, None to let the next implementation decide. Core's default,
    which runs last, grants an action to the roles declared for it in ``register_actions``.
    """


# ---------------------------------------------------------------------------
# Background jobs
# ---------------------------------------------------------------------------


@hookspec
def register_jobs(site: Site) -> Sequence[JobDefinition]:
    """Declare the plugin's kinds of background job (``parvis.api.JobDefinition``).

    Each has a name (``"assembly.draw_panel"``), a function ``function(job, **arguments)`` given
    a ``JobContext`` (``job.site``, ``job.db``, ``job.progress(percent, step)``,
    ``job.set_result(url=...)``, ``job.store_file(...)``), its retries and back-off, a
    translatable title, and optionally a ``schedule`` (``crontab(...)`` in the site's time zone)
    to run it on its own. Routes start jobs with ``parvis.api.start_job``. Called once per site.
    """


# ---------------------------------------------------------------------------
# Command line and demo data
# ---------------------------------------------------------------------------


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add click commands or groups to the ``parvis`` command line (``cli.add_command(...)``)."""


@hookspec
def seed_demo_data(db: Session, demo: DemoContext) -> None:
    """Fill a fresh database with this plugin's fictitious demo data (``parvis demo``).

    Called after core's demo data (people, accounts, districts) exists; ``demo`` gives the site,
    the fictitious people created so far, a seeded random generator and a progress callback.
    Use only invented names and e-mail addresses in the ``example.org`` domain.
    """


# ---------------------------------------------------------------------------
# Life cycles (parvis.workflows): what moves through a workflow, and the effects of its moves
# ---------------------------------------------------------------------------


@hookspec
def register_life_cycles(site: Site) -> Sequence[LifeCycle]:
    """Declare what moves through a workflow: ``parvis.api.workflows.LifeCycle`` values.

    A life cycle names its kind (``"volunteers.mission"``), the TOML file of its default workflows,
    the roles its transitions may name (each with a label and who holds it for a subject), the
    state flags besides ``final``, the conditions a transition may ``require`` and the attribute
    holding the state. A city replaces any of its workflows in ``[workflows.<name>]``; every
    workflow is checked when the site is built. Move a subject with ``parvis.api.workflows.move``.
    """


@hookspec
def register_workflow_effects(site: Site) -> Sequence[Effect]:
    """Declare effects a transition may name: ``Effect(key, run, description)``.

    ``run(move)`` is called after the state changed and the history row was written, in the same
    unit of work (raise a ``Refused`` to undo the move). Keys are global: prefix them with the
    plugin's name (``"volunteers.notify_published"``). A workflow naming an unknown effect stops
    the site at start-up.
    """


# ---------------------------------------------------------------------------
# Content kinds (parvis.content): what comments, supports, moderation, notifications and search
# may point at
# ---------------------------------------------------------------------------


@hookspec
def register_content_kinds(site: Site) -> Sequence[ContentKind]:
    """Declare the kinds of public objects core's conversation services may point at:
    ``parvis.api.content.ContentKind(name, label, load)``.

    ``name`` is global: prefix it with the plugin's name (``"budget.idea"``). ``load(db, site,
    key)`` answers a ``ContentItem`` (title, language-neutral path, plain text, author, district,
    date, public) or None.
    """


@hookspec
def search_documents(db: Session, site: Site) -> Iterable[SearchDocument]:
    """Answer (or yield) every public object of the plugin the site search should find:
    ``parvis.api.search.SearchDocument(ref, title, path, text, language, district, date)``, one per
    object of a declared content kind (``SearchDocument.from_item(item)``, or
    ``parvis.api.search.documents_of(db, site, kind, keys)`` to build them with the kind's
    ``load``). Called by the full rebuild of the index (the hourly ``search.rebuild`` job) and by
    ``reindex(db, site, "kind")``; after changing one object, call
    ``parvis.api.search.reindex(db, site, ref)`` instead of waiting for the rebuild.
    """


# ---------------------------------------------------------------------------
# Decisions (parvis.decisions): types, workflows and vetoes
# ---------------------------------------------------------------------------


@hookspec
def register_decision_types() -> Sequence[DecisionType]:
    """Declare the kinds of decision bodies produce (``DecisionType(code, label, plural, workflow)``).

    Core declares proposal, opinion, recommendation, voeu and deliberation; a plugin adds its own.
    ``workflow`` names the workflow the type uses (a city may remap it in
    ``[settings.decisions.type_workflows]``).
    """


@hookspec
def register_workflows() -> Sequence[Workflow]:
    """Return decision workflows as data (``parvis.decisions.workflow.Workflow`` structs).

    A workflow with the name of a built-in one replaces it; the city's own
    ``[settings.decisions.workflows.<name>]`` tables replace both. Workflows are checked when first
    used and when the web application starts (unknown or unreachable states stop it).
    """


@hookspec
def validate_decision_transition(
    site: Site, db: Session, decision: Decision, transition: Transition, actor: Actor
) -> str | None:
    """Veto a workflow move: return a translated reason to refuse it, or None to allow it.

    Called after the workflow's own checks (roles, votes) pass, before ``decision.state`` changes.
    The youth council uses it for "one vœu per year" (see ``parvis.decisions.transitions.reached_in_year``).
    """


@hookspec
def decision_transitioned(
    site: Site, db: Session, decision: Decision, transition: Transition, actor: Actor
) -> None:
    """Called after a decision moved (``decision.state`` is the new state; not yet committed)."""


# ---------------------------------------------------------------------------
# Personal data (GDPR): declarations, export, erasure and retention (parvis.privacy)
#
# ``account`` and ``person`` are the account and the person record of the one person concerned;
# either may be None (a person drawn from the electoral roll has no account; an account may have
# no person yet). Answer only about rows that refer to them.
# ---------------------------------------------------------------------------


@hookspec
def register_personal_data(site: Site) -> Sequence[PersonalData]:
    """Declare the personal data the plugin holds: ``parvis.privacy.PersonalData`` values.

    Each says what is held (categories), why (purpose), on which legal basis (``LegalBasis``,
    GDPR article 6), how long (a ``Retention``: "6 months after the end of the term") and who
    receives it, with the tables that hold it. The privacy page is generated from these
    declarations; read retention periods from ``site`` settings so the page says what the site
    really does.
    """


@hookspec
def export_personal_data(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> Sequence[ExportSection]:
    """Return everything the plugin holds about this person, as ``ExportSection`` tables.

    Titles and column labels translated in the current language, values JSON-ready (text,
    numbers, booleans, dates, lists). Read only: called for "Download my data", by officials'
    exports and from jobs. Leave out secrets (password hashes, tokens) and say so in a ``note``.
    """


@hookspec
def personal_data_kept(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> Sequence[Kept]:
    """Say what ``erase_personal_data`` would keep about this person, and why, without changing anything.

    Shown on the "Delete my account" page before the person confirms; must match what
    ``erase_personal_data`` then returns.
    """


@hookspec
def erase_personal_data(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> Sequence[Kept]:
    """Erase or anonymise what the plugin holds about this person; return what is kept and why.

    Called in one transaction for all plugins, before core deletes the account and deletes (or,
    when kept rows still refer to it, anonymises) the person record; do not commit. Keep only
    what the law or the integrity of a public record requires (an anonymous ballot stays counted,
    pay records stay for the accounts), unlinked from the person where possible, and return a
    ``Kept`` for each, naming its tables.
    """


@hookspec
def purge_personal_data(db: Session, site: Site, now: datetime) -> Mapping[str, int]:
    """Delete what has outlived its declared retention at ``now``; return counts by kind.

    Called by ``parvis.privacy.purge_expired`` (``parvis privacy purge``, and daily as a job),
    each plugin in its own transaction (do not commit). Keys are namespaced:
    ``{"assembly.answers": 120}``. Delete only what is expired: the purge runs every day.
    """

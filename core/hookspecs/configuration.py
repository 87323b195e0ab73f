"""Hooks of configuration and start-up: settings, translations, migrations, readiness, and the
plugin's own hookspecs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    import msgspec
    from litestar import Litestar

    from parvis.health import ReadinessCheck
    from parvis.i18n import TranslationDomain
    from parvis.site import Site


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

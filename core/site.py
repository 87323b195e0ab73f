"""The running site: configuration, plugins, database and everything plugins declared.

One `Site` is built per process (web worker, CLI command, test session); building it validates
the whole configuration, so a bad file stops the program before it serves anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import pluggy
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from parvis import formatting, i18n
from parvis.bodies.kinds import BodyKind
from parvis.config import Config, ConfigError, convert_section, load_config
from parvis.db import make_engine, make_sessionmaker, utcnow
from parvis.eligibility import EligibilityRule, parse_rules
from parvis.i18n import _
from parvis.jobs import models as _job_models  # noqa: F401 - the jobs' tables belong to every site
from parvis.permissions import Action
from parvis.pluginmanager import build_plugin_manager

if TYPE_CHECKING:
    from parvis.jobs.queue import JobQueue


class Site:
    def __init__(self, config: Config, pm: pluggy.PluginManager, engine: Engine | None = None) -> None:
        self.config = config
        self.pm = pm
        self.hook = pm.hook
        # The site's clock: every "now" and "today" comes from here, so tests can set the time.
        self.clock: Callable[[], datetime] = utcnow
        self._settings = self._validate_settings()
        self.eligibility_rules: dict[str, EligibilityRule] = parse_rules(config.eligibility, config.path)
        self.body_kinds: dict[str, BodyKind] = {
            k.code: k for kinds in self.hook.register_body_kinds(site=self) for k in kinds
        }
        self.actions: dict[str, Action] = {
            a.code: a for actions in self.hook.register_actions() for a in actions
        }
        # Sites of one process may share an engine (test suites build many sites on one database).
        self.engine = engine or make_engine(config.server.database_url)
        self.sessionmaker = make_sessionmaker(self.engine)
        formatting.configure(config.site.timezone, config.site.currency)
        # The language is chosen per request (web) or once by the CLI, never here: a site built
        # in a library or a test must not change the language of the code around it.
        i18n.install(config.site.locales, self.translation_domains())

    @classmethod
    def create(
        cls,
        config: Config | str | os.PathLike[str] | None = None,
        *,
        database_url: str | None = None,
        extra_plugins: Iterable[tuple[str, Any]] = (),
        engine: Engine | None = None,
    ) -> Site:
        if not isinstance(config, Config):
            config = load_config(config)
        if database_url:
            config.server.database_url = database_url
        return cls(config, build_plugin_manager(config, extra_plugins), engine)

    # -- plugins' declarations -------------------------------------------------------------

    def _validate_settings(self) -> dict[str, msgspec.Struct]:
        schemas: dict[str, type[msgspec.Struct]] = {}
        for declared in self.hook.register_settings():
            schemas.update(declared)
        unknown = set(self.config.settings) - set(schemas) - self._disabled_plugin_names()
        if unknown:
            raise ConfigError(
                _("{file}: invalid value at '{key}': {reason}").format(
                    file=self.config.path,
                    key=f"settings.{min(unknown)}",
                    reason=_("no plugin has such settings"),
                )
            )
        return {
            section: convert_section(
                self.config.settings.get(section, {}),
                schema,
                file=self.config.path,
                prefix=f"settings.{section}",
            )
            for section, schema in schemas.items()
        }

    def _disabled_plugin_names(self) -> set[str]:
        from importlib.metadata import entry_points

        return {ep.name for ep in entry_points(group="parvis")} - set(self.config.plugins.enabled)

    def settings(self, section: str) -> Any:
        return self._settings[section]

    def translation_domains(self) -> list[i18n.TranslationDomain]:
        return [d for d in self.hook.register_translations() if d is not None]

    def eligibility(self, name: str) -> EligibilityRule:
        return self.eligibility_rules.get(name, EligibilityRule())

    @cached_property
    def template_dirs(self) -> list[Path]:
        # Plugins registered last are called first by pluggy, so core's folder comes last.
        return [Path(d) for dirs in self.hook.register_template_dirs() for d in dirs]

    @cached_property
    def jobs(self) -> JobQueue:
        """The background job queue: declared jobs, huey, consumers (``parvis.jobs``)."""
        from parvis.jobs.queue import JobQueue

        return JobQueue(self)

    @property
    def locales(self) -> list[str]:
        return self.config.site.locales

    def now(self) -> datetime:
        """The current time, timezone-aware UTC, from the site's clock."""
        return self.clock()

    def today(self) -> date:
        """Today's date in the site's time zone."""
        return self.now().astimezone(formatting.site_timezone()).date()

    def session(self) -> Session:
        return self.sessionmaker()

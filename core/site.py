"""The running site: configuration, plugins, database and everything plugins declared.

One `Site` is built per process (web worker, CLI command, test session); building it validates
the whole configuration, so a bad file stops the program before it serves anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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
from parvis.config import (
    Config,
    config_error,
    convert_section,
    load_config,
    translations_folder,
    vocabulary,
)
from parvis.db import make_engine, make_sessionmaker, utcnow
from parvis.draws import models as _draws_models  # noqa: F401 - the register of draws too
from parvis.eligibility import EligibilityRule, parse_rules, rule_references
from parvis.i18n import _
from parvis.jobs import models as _job_models  # noqa: F401 - the jobs' tables belong to every site
from parvis.permissions import Action
from parvis.pluginmanager import build_plugin_manager
from parvis.pollbook import models as _pollbook_models  # noqa: F401 - the poll book's tables too

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
        self._check_rule_names()
        self.body_kinds: dict[str, BodyKind] = {
            k.code: k for kinds in self.hook.register_body_kinds(site=self) for k in kinds
        }
        self.actions: dict[str, Action] = {
            a.code: a for actions in self.hook.register_actions() for a in actions
        }
        # Sites of one process may share an engine (test suites build many sites on one database).
        self.engine = engine or make_engine(config.server.database_url)
        self.sessionmaker = make_sessionmaker(self.engine)
        # A session knows its site (``db.info["parvis_site"]``): services given only a session, such
        # as the workflow engine's callers, find the site's life cycles and clock from it.
        self.sessionmaker.configure(info={"parvis_site": self})
        # Nothing process-wide is set here: code working for this site (a request, a command, a
        # job, a test) runs inside ``site.activate()`` (its formats, its words) or names the site.
        # The language is chosen per request (web) or once by the CLI, never here: a site built
        # in a library or a test must not change the language of the code around it.
        domains = self.translation_domains()
        self._check_catalogs(domains)
        i18n.install(config.site.locales, domains)
        self.text = i18n.SiteText(vocabulary(config), self._site_catalogs(domains))
        # Last, plugins check what refers to something only known now (workflows, rule names...).
        self.hook.check_settings(site=self)

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

    @contextmanager
    def activate(self) -> Iterator[Site]:
        """Work for this site in a block: dates, times and money in its time zone and currency,
        messages with its words and its own translations.

        The web layer wraps each request in it, the CLI each command, the ``site`` test fixture
        each test; a process serving several sites keeps each one's own.
        """
        with (
            formatting.use_site_formats(self.formats),
            i18n.use_site_text(self.text),
        ):
            yield self

    # -- plugins' declarations -------------------------------------------------------------

    def _validate_settings(self) -> dict[str, msgspec.Struct]:
        schemas: dict[str, type[msgspec.Struct]] = {}
        for declared in self.hook.register_settings():
            schemas.update(declared)
        file = self.config.path
        blocked = set(self.config.plugins.blocked)
        for section in sorted(self.config.settings):
            if section in blocked:
                raise config_error(
                    file,
                    f"settings.{section}",
                    _("the plugin '{name}' is blocked: remove its settings or unblock it").format(
                        name=section
                    ),
                )
        unknown = set(self.config.settings) - set(schemas) - self._disabled_plugin_names()
        if unknown:
            raise config_error(file, f"settings.{min(unknown)}", _("no plugin has such settings"))
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

    def _check_rule_names(self) -> None:
        """A rule name a plugin setting gives explicitly (an ``EligibilityRuleName`` field) must be
        an ``[eligibility.<name>]`` table; a default name may be missing (the plugin's fallback)."""
        for section, settings in self._settings.items():
            raw = self.config.settings.get(section, {})
            for key, name in rule_references(settings, raw):
                if name not in self.eligibility_rules:
                    known = ", ".join(sorted(self.eligibility_rules)) or "-"
                    raise config_error(
                        self.config.path,
                        f"settings.{section}.{key}",
                        _("no [eligibility.{name}] table defines this rule (defined: {known})").format(
                            name=name, known=known
                        ),
                    )

    def _check_catalogs(self, domains: list[i18n.TranslationDomain]) -> None:
        """Every language offered has core's catalog and each enabled plugin's."""
        ordered = sorted(domains, key=lambda d: (d.name != i18n.CORE_DOMAIN, d.name))
        for index, locale in enumerate(self.config.site.locales):
            missing = [
                d for d in ordered if not (d.localedir / locale / "LC_MESSAGES" / f"{d.name}.po").is_file()
            ]
            if missing:
                raise config_error(
                    self.config.path,
                    f"site.locales[{index}]",
                    _("no translations into '{locale}' for {domains} (expected {path})").format(
                        locale=locale,
                        domains=", ".join(d.name for d in missing),
                        path=missing[0].localedir / locale / "LC_MESSAGES" / f"{missing[0].name}.po",
                    ),
                )

    def _site_catalogs(self, domains: list[i18n.TranslationDomain]) -> dict[str, dict[str, Any]]:
        """The site's own .po files (``[site] translations``), checked for the languages the site
        offers: a known domain, a file that parses, the same placeholders as the message it
        translates."""
        folder = translations_folder(self.config)
        if folder is None:
            return {}
        file, key = self.config.path, "site.translations"
        if not folder.is_dir():
            raise config_error(file, key, _("no such folder: {path}").format(path=folder))
        from importlib.metadata import entry_points

        # A domain of a plugin installed but not enabled here is allowed (and not used).
        names = {d.name for d in domains} | {ep.name for ep in entry_points(group="parvis")}
        for po in sorted(folder.glob("*/LC_MESSAGES/*.po")):
            locale = po.parent.parent.name
            if locale not in self.locales:
                continue  # a language the site does not offer: unused (a copied profile may drop one)
            if po.stem not in names:
                raise config_error(
                    file,
                    key,
                    _("{path}: no plugin has the text domain '{domain}' (domains: {names})").format(
                        path=po, domain=po.stem, names=", ".join(sorted(names))
                    ),
                )
            for problem in override_problems(po, locale):
                raise config_error(file, key, f"{po}: {problem}")
        return i18n.load_overrides(folder, self.locales)

    def settings(self, section: str) -> Any:
        return self._settings[section]

    def translation_domains(self) -> list[i18n.TranslationDomain]:
        """Every registered domain, with the package whose code uses it (by default the package
        of the plugin that registered it, wherever it is installed)."""
        from parvis.pluginmanager import answers_by_plugin, with_plugin_package

        return [
            with_plugin_package(domain, self.pm.get_plugin(name))
            for name, domain in answers_by_plugin(self.config, self.pm, "register_translations")
        ]

    def eligibility(self, name: str) -> EligibilityRule:
        return self.eligibility_rules.get(name, EligibilityRule())

    @cached_property
    def template_dirs(self) -> list[Path]:
        """Plugins' folders in the order of ``[plugins] enabled`` (the first one listed wins), then
        plugins registered by name only, then core's features, core's own folder last."""
        from parvis.pluginmanager import answers_by_plugin

        answers = answers_by_plugin(self.config, self.pm, "register_template_dirs", site=self)
        return [Path(d) for _name, dirs in answers for d in dirs]

    @cached_property
    def jobs(self) -> JobQueue:
        """The background job queue: declared jobs, huey, consumers (``parvis.jobs``)."""
        from parvis.jobs.queue import JobQueue

        return JobQueue(self)

    @property
    def formats(self) -> formatting.SiteFormats:
        """The site's time zone and currency (``parvis.formatting``)."""
        return formatting.SiteFormats.of(self.config.site.timezone, self.config.site.currency)

    @property
    def locales(self) -> list[str]:
        return self.config.site.locales

    def now(self) -> datetime:
        """The current time, timezone-aware UTC, from the site's clock."""
        return self.clock()

    def today(self) -> date:
        """Today's date in the site's time zone."""
        return self.now().astimezone(self.formats.timezone).date()

    def session(self) -> Session:
        return self.sessionmaker()


def override_problems(po: Path, locale: str) -> list[str]:
    """What is wrong in a site's .po file: unreadable, or a translation whose placeholders differ
    from its message's (it would fail when shown), or that names an unknown word or form."""
    from babel.messages.pofile import PoFileError, read_po

    from parvis.words import problems_in

    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=locale, abort_invalid=True)
    except (PoFileError, ValueError, OSError) as error:
        return [str(error)]
    fields = re.compile(r"\{([a-z_]*)(?:[.:][^{}]*)?\}")
    found = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = (message.string,) if isinstance(message.string, str) else tuple(message.string)
        wanted = {f for f in fields.findall(" ".join(ids)) if f != "site"}
        for string in strings:
            extra = {f for f in fields.findall(string) if f != "site"} - wanted
            problems = problems_in(string)
            if extra or problems:
                found.append(
                    _("the translation of '{message}' has placeholders its message lacks: {names}").format(
                        message=ids[0], names=", ".join(sorted(extra) + problems)
                    )
                )
    return found

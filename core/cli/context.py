"""What a ``parvis`` command works on: the configuration named on the command line and the site
built from it, each made on first use, so a command that needs neither touches nothing.

``--config`` (else $PARVIS_CONFIG, else the bundled profile) names the configuration. Commands
that need the site take ``@pass_context`` and read ``ctx.site``; a bad configuration is then
reported (file, key, expected type) with exit status 2, like a plugin command looked up on it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from parvis.config import ConfigError, load_config

if TYPE_CHECKING:
    import pluggy

    from parvis.config import Config
    from parvis.site import Site

P = ParamSpec("P")
R = TypeVar("R")

LANGUAGES = ("fr", "en", "ja")


class ConfigProblem(click.ClickException):
    """A configuration that cannot be used: its message (file, key, reason), exit status 2."""

    exit_code = 2


class Context:
    """The command line's state (click's ``ctx.obj``): the configuration, its plugins' commands
    and the site, each built once, when a command first asks for it."""

    def __init__(self, config_path: str | None = None, *, site: Site | None = None) -> None:
        self.config_path = config_path
        self._site = site
        self._config: Config | None = None
        self._plugin_manager: pluggy.PluginManager | None = None
        self._plugin_commands: dict[str, click.Command] | None = None

    @classmethod
    def for_site(cls, site: Site) -> Context:
        """Commands run on a site already built (tests, an embedding application)."""
        return cls(site.config.path, site=site)

    @property
    def config(self) -> Config:
        """The validated configuration (reading it writes nothing)."""
        if self._site is not None:
            return self._site.config
        if self._config is None:
            try:
                self._config = load_config(self.config_path)
            except ConfigError as error:
                raise ConfigProblem(str(error)) from None
        return self._config

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        """The enabled plugins (without building the site: no database, no files)."""
        if self._site is not None:
            return self._site.pm
        if self._plugin_manager is None:
            from parvis.pluginmanager import build_plugin_manager

            try:
                self._plugin_manager = build_plugin_manager(self.config)
            except ConfigError as error:
                raise ConfigProblem(str(error)) from None
        return self._plugin_manager

    @property
    def site(self) -> Site:
        if self._site is None:
            from parvis.site import Site

            try:
                self._site = Site(self.config, self.plugin_manager)
            except ConfigError as error:
                raise ConfigProblem(str(error)) from None
            # The command works for this site until it ends (its formats, its words).
            context = click.get_current_context(silent=True)
            if context is not None:
                context.find_root().with_resource(self._site.activate())
        return self._site

    def plugin_commands(self) -> dict[str, click.Command]:
        """The commands the enabled plugins add (``register_commands``), by name."""
        if self._plugin_commands is None:
            collected = click.Group()
            self.plugin_manager.hook.register_commands(cli=collected)
            self._plugin_commands = dict(collected.commands)
        return self._plugin_commands


def context_of(ctx: click.Context) -> Context:
    """The command line's ``Context``, made from the root command's ``--config`` on first use."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = Context(root.params.get("config_path") or os.environ.get("PARVIS_CONFIG"))
    state: Context = root.obj
    return state


pass_context = click.make_pass_decorator(Context)


def checks_configuration(command: Callable[P, R]) -> Callable[P, R]:
    """A command that reads no site but refuses to run on a broken configuration (it says what is
    wrong, exit status 2): an official must not act believing the site is set up otherwise."""

    @functools.wraps(command)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        _ = context_of(click.get_current_context()).config
        return command(*args, **kwargs)

    return checked


def choose_cli_locale(config_path: str | None) -> str:
    """The CLI's language: $PARVIS_LANG, else the site's default language, else $LANG, else English.

    Read before the configuration is validated, so even its errors are in the officials' language.
    """
    import tomllib

    from parvis.config import BUNDLED_PROFILE

    if (chosen := os.environ.get("PARVIS_LANG", "")) in LANGUAGES:
        return chosen
    try:
        raw = tomllib.loads(Path(config_path or BUNDLED_PROFILE).read_text(encoding="utf-8"))
        chosen = str(raw.get("site", {}).get("default_locale", ""))
    except (OSError, ValueError, AttributeError):
        chosen = ""
    if chosen in LANGUAGES:
        return chosen
    system = (os.environ.get("LC_ALL") or os.environ.get("LANG") or "")[:2]
    return system if system in LANGUAGES else "en"


def install_cli_translations(config_path: str | None) -> None:
    """Load core's catalogs and speak the officials' language until the command ends.

    The language is reset when the command's context closes, so code that runs commands
    in-process (tests, an embedding application) keeps its own.
    """
    from parvis import i18n

    i18n.install(list(LANGUAGES), [i18n.TranslationDomain("parvis", i18n.default_localedir())])
    token = i18n.current_locale.set(choose_cli_locale(config_path))
    context = click.get_current_context(silent=True)
    if context is not None:
        context.find_root().call_on_close(lambda: i18n.current_locale.reset(token))

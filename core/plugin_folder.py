"""The hooks a plugin answers from its folder's layout alone, written once.

Every plugin has a settings section named after it, a translation domain of the same name, and
``migrations/``, ``templates/`` (and often ``static/``) beside its ``plugin.py``. A plugin binds
the ones it has as its own hook implementations, so they stay the plugin's (same plugin name for
``parvis db revision``, same package for its catalogs)::

    folder = PluginFolder("citylab", Path(__file__).parent, settings=CitylabSettings)
    register_settings = folder.register_settings
    register_translations = folder.register_translations
    register_migrations = folder.register_migrations
    register_template_dirs = folder.register_template_dirs
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parvis.i18n import TranslationDomain
from parvis.pluginmanager import hookimpl


class PluginFolder:
    """``name`` is the plugin's (its settings section, domain and static prefix); ``localedir``
    holds its catalogs (default: ``locale/`` in the folder)."""

    def __init__(
        self, name: str, folder: Path, *, settings: type | None = None, localedir: Path | None = None
    ) -> None:
        self.name = name
        self.folder = folder
        self.settings = settings
        self.localedir = localedir if localedir is not None else folder / "locale"

    @hookimpl
    def register_settings(self) -> dict[str, type]:
        return {self.name: self.settings} if self.settings is not None else {}

    @hookimpl
    def register_translations(self) -> TranslationDomain:
        return TranslationDomain(self.name, self.localedir)

    @hookimpl
    def register_migrations(self) -> Path:
        return self.folder / "migrations"

    @hookimpl
    def register_template_dirs(self, site: Any) -> list[Path]:
        return [self.folder / "templates"]

    @hookimpl
    def register_static_dirs(self, site: Any) -> dict[str, Path]:
        return {self.name: self.folder / "static"}

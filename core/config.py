"""Site configuration: a TOML file (Paris is the bundled default) validated by msgspec structs.

Plugins declare their own settings struct through the `register_settings` hook; their section
is validated when the plugin manager is built, so a bad file fails before anything starts.

This module loads the file; the structs are in parvis.config_schema, the cross-field checks in
parvis.config_checks, the error messages in parvis.config_errors (all re-exported here).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from parvis.config_checks import VERIFIED_ACTION_CODES, check_consistency, check_words
from parvis.config_errors import (
    ConfigError,
    config_error,
    convert_section,
    describe_validation_error,
    key_line,
)
from parvis.config_schema import (
    Accounts,
    Config,
    District,
    Geocoding,
    Mail,
    Map,
    Neighbourhood,
    Plugins,
    Security,
    Server,
    Site,
)
from parvis.i18n import _

__all__ = [
    "BUNDLED_PROFILE",
    "VERIFIED_ACTION_CODES",
    "Accounts",
    "Config",
    "ConfigError",
    "District",
    "Geocoding",
    "Mail",
    "Map",
    "Neighbourhood",
    "Plugins",
    "Security",
    "Server",
    "Site",
    "check_consistency",
    "check_words",
    "config_error",
    "convert_section",
    "describe_validation_error",
    "key_line",
    "load_config",
    "translations_folder",
    "vocabulary",
]

BUNDLED_PROFILE = Path(__file__).parent / "profiles" / "paris.toml"


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read a site configuration: the given path, else $PARVIS_CONFIG, else the bundled Paris profile.

    $PARVIS_DATABASE_URL overrides the database URL so one file serves SQLite and PostgreSQL runs;
    $PARVIS_DEVELOPMENT=1 (set by `parvis serve` for its workers) turns on development mode;
    $PARVIS_METRICS_TOKEN gives the /metrics token without writing it in the file.
    $PARVIS_DATABASE_URL overrides the database URL so one file serves SQLite and PostgreSQL runs,
    $PARVIS_SMTP_URL the mail server;
    $PARVIS_DEVELOPMENT=1 (set by `parvis serve` for its workers) turns on development mode.
    """
    chosen = Path(path or os.environ.get("PARVIS_CONFIG") or BUNDLED_PROFILE)
    try:
        raw = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(_("{file}: no such configuration file").format(file=chosen)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_("{file}: not valid TOML: {reason}").format(file=chosen, reason=error)) from None
    config = convert_section(raw, Config, file=str(chosen))
    config.path = str(chosen)
    given = raw.get("map", {}) if isinstance(raw.get("map"), dict) else {}
    points = list(config.district_points().values())
    if points and "center_latitude" not in given and "center_longitude" not in given:
        # Maps centre on the city's own districts, never on the default's (Paris).
        config.map.center_latitude = round(sum(p[0] for p in points) / len(points), 6)
        config.map.center_longitude = round(sum(p[1] for p in points) / len(points), 6)
    if url := os.environ.get("PARVIS_DATABASE_URL"):
        config.server.database_url = url
    if token := os.environ.get("PARVIS_METRICS_TOKEN"):
        config.server.metrics_token = token
    if smtp := os.environ.get("PARVIS_SMTP_URL"):
        config.mail.smtp_url = smtp
    if os.environ.get("PARVIS_DEVELOPMENT") == "1":
        config.server.development = True
    check_consistency(config)
    return config


def vocabulary(config: Config) -> Any:
    """The site's ``parvis.words.Vocabulary`` (call after ``check_words``)."""
    from parvis.words import Vocabulary, Word

    words = {
        language: {
            name: msgspec.convert(value, Word) if isinstance(value, dict) else Word(str(value))
            for name, value in found.items()
        }
        for language, found in config.site.words.items()
    }
    return Vocabulary(config.site.city, config.site.city_names, words)


def translations_folder(config: Config) -> Path | None:
    """The site's folder of .po files (``[site] translations``): a relative path is looked up next
    to the configuration file, then among the bundled profiles (so a copy of the Paris profile
    still finds ``paris/``)."""
    if not config.site.translations:
        return None
    folder = Path(config.site.translations)
    if folder.is_absolute():
        return folder
    beside = Path(config.path).parent / folder if config.path else folder
    bundled = BUNDLED_PROFILE.parent / folder
    return beside if beside.is_dir() or not bundled.is_dir() else bundled

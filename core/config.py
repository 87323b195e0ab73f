"""Site configuration: a TOML file (Paris is the bundled default) validated by msgspec structs.

Plugins declare their own settings struct through the `register_settings` hook; their section
is validated when the plugin manager is built, so a bad file fails before anything starts.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from parvis.i18n import _

BUNDLED_PROFILE = Path(__file__).parent / "profiles" / "paris.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class Site(msgspec.Struct, forbid_unknown_fields=True):
    city: str
    default_locale: str = "fr"
    locales: list[str] = msgspec.field(default_factory=lambda: ["fr", "en", "ja"])
    timezone: str = "Europe/Paris"
    currency: str = "EUR"
    contact_email: str = ""
    # The city's name in other languages (Paris is パリ in Japanese); `city` is the default.
    city_names: dict[str, str] = {}
    # The site's public address, for links in e-mails ("https://participation.example.org").
    public_url: str = ""

    def city_name(self, locale: str) -> str:
        return self.city_names.get(locale, self.city)


class District(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    name: str
    population: int
    # Paris Centre groups the 1st to 4th arrondissements: a district may cover several.
    arrondissements: list[int] = []
    # A point for maps (its town hall, say); optional.
    latitude: float | None = None
    longitude: float | None = None


class Neighbourhood(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    name: str
    district: str
    qpop: bool = False  # a "quartier populaire" (working-class neighbourhood, priority area)


class Map(msgspec.Struct, forbid_unknown_fields=True):
    """The background of every map (volunteer missions, completed budget projects...)."""

    # A tile URL template ("https://tile.example.org/{z}/{x}/{y}.png"); empty: pins on a plain
    # background, and no outside server is contacted.
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = "© OpenStreetMap contributors"
    center_latitude: float = 48.8566
    center_longitude: float = 2.3522
    zoom: int = 12


class Mail(msgspec.Struct, forbid_unknown_fields=True):
    """Outgoing e-mail. $PARVIS_SMTP_URL overrides ``smtp_url`` (a password stays out of the file)."""

    # smtp://user:password@host:25, smtp+starttls://host:587 or smtps://host:465. Empty: in
    # development each mail is written to ``folder``; in production mail waits in the outbox.
    smtp_url: str = ""
    sender: str = ""  # "Participation <participation@example.org>"; default: site.contact_email
    folder: str = "var/mail"
    timeout_seconds: float = 10.0
    # Attempts before a message is marked failed (retried after 1, 2, 4... minutes, at most 6 hours).
    max_attempts: int = 8


class Plugins(msgspec.Struct, forbid_unknown_fields=True):
    enabled: list[str] = msgspec.field(default_factory=list)
    blocked: list[str] = msgspec.field(default_factory=list)


class Server(msgspec.Struct, forbid_unknown_fields=True):
    database_url: str = "sqlite:///var/parvis.sqlite3"
    # Development mode relaxes cookie security (plain http on localhost) and enables debug pages.
    development: bool = False
    secret_key_file: str = "var/secret_key"  # noqa: S105 - a path, not a secret
    # Reverse proxies (addresses or networks) whose X-Forwarded-For header is believed; none by
    # default, so a visitor cannot pick the address rate limits and the audit log see.
    trusted_proxies: list[str] = msgspec.field(default_factory=list)
    # Audit log entries older than this are purged (never less than 365 days).
    audit_retention_days: int = 1095


class Security(msgspec.Struct, forbid_unknown_fields=True):
    """Sign-in protection and two-factor authentication (docs/configuration.md, ``[security]``).

    Failed attempts never lock an account: past a free number, each further attempt waits, the
    wait doubling each time (``first_delay_seconds``, at most ``max_delay_seconds``).
    """

    # Failed sign-ins (or codes) for one account from one address before each further one waits.
    attempts_per_account_address: int = 5
    # Failed attempts from one address, whatever the accounts, before that address waits.
    attempts_per_address: int = 30
    # Failed attempts on one account from every address before everyone waits but its owner, who
    # is e-mailed a one-time link that lets their browser in (an account under attack).
    attempts_per_account: int = 50
    first_delay_seconds: int = 30
    max_delay_seconds: int = 3600
    # A counter without attempts for this long starts again from zero.
    forget_after_hours: int = 24
    # How long the unlock link in that e-mail works, and how long the browser it unlocked is trusted.
    unlock_link_minutes: int = 60
    unlocked_browser_days: int = 30
    # Officials and administrators must use two-factor authentication before any back-office page.
    two_factor_for_staff: bool = False
    # Time allowed to type the code after the password (the half-signed-in state expires).
    two_factor_minutes: int = 5


class Config(msgspec.Struct, forbid_unknown_fields=True):
    site: Site
    districts: list[District] = []
    neighbourhoods: list[Neighbourhood] = []
    plugins: Plugins = msgspec.field(default_factory=Plugins)
    server: Server = msgspec.field(default_factory=Server)
    map: Map = msgspec.field(default_factory=Map)
    mail: Mail = msgspec.field(default_factory=Mail)
    security: Security = msgspec.field(default_factory=Security)
    # Raw per-plugin sections, validated later against each plugin's declared struct.
    settings: dict[str, dict[str, Any]] = {}
    eligibility: dict[str, dict[str, Any]] = {}
    path: str = ""

    def district_points(self) -> dict[str, tuple[float, float]]:
        """District code -> (latitude, longitude), for the districts the file gives a point."""
        return {
            d.code: (d.latitude, d.longitude)
            for d in self.districts
            if d.latitude is not None and d.longitude is not None
        }

    def district(self, code: str) -> District | None:
        return next((d for d in self.districts if d.code == code), None)

    def neighbourhood(self, code: str) -> Neighbourhood | None:
        return next((n for n in self.neighbourhoods if n.code == code), None)


_PATH_IN_ERROR = re.compile(r"\s*-\s*at\s*`\$(?P<path>[^`]*)`$")


def describe_validation_error(error: msgspec.ValidationError, prefix: str = "") -> tuple[str, str]:
    """Split msgspec's message into (dotted key, reason).

    ``$.districts[0].population`` becomes ``districts[0].population``.
    """
    text = str(error)
    match = _PATH_IN_ERROR.search(text)
    path = match.group("path").lstrip(".") if match else ""
    reason = _PATH_IN_ERROR.sub("", text)
    key = ".".join(p for p in (prefix, path) if p)
    return key, reason


def convert_section(data: Any, schema: type, *, file: str, prefix: str = "") -> Any:
    """Validate one mapping against a struct, raising ConfigError with file, key and expectation."""
    try:
        return msgspec.convert(data, schema, strict=True)
    except msgspec.ValidationError as error:
        key, reason = describe_validation_error(error, prefix)
        raise ConfigError(
            _("{file}: invalid value at '{key}': {reason}").format(
                file=file, key=key or prefix, reason=reason
            )
        ) from None


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read a site configuration: the given path, else $PARVIS_CONFIG, else the bundled Paris profile.

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
    if url := os.environ.get("PARVIS_DATABASE_URL"):
        config.server.database_url = url
    if smtp := os.environ.get("PARVIS_SMTP_URL"):
        config.mail.smtp_url = smtp
    if os.environ.get("PARVIS_DEVELOPMENT") == "1":
        config.server.development = True
    check_consistency(config)
    return config


def check_consistency(config: Config) -> None:
    """Cross-field rules msgspec cannot express, reported like type errors."""
    file = config.path
    if config.site.default_locale not in config.site.locales:
        raise ConfigError(
            _("{file}: invalid value at '{key}': {reason}").format(
                file=file, key="site.default_locale", reason=_("must be one of site.locales")
            )
        )
    security = config.security
    for key in (
        "attempts_per_account_address",
        "attempts_per_address",
        "attempts_per_account",
        "first_delay_seconds",
        "max_delay_seconds",
        "forget_after_hours",
        "unlock_link_minutes",
        "unlocked_browser_days",
        "two_factor_minutes",
    ):
        if getattr(security, key) < 1:
            raise ConfigError(
                _("{file}: invalid value at '{key}': {reason}").format(
                    file=file, key=f"security.{key}", reason=_("must be 1 or more")
                )
            )
    codes = [d.code for d in config.districts]
    if len(codes) != len(set(codes)):
        raise ConfigError(
            _("{file}: invalid value at '{key}': {reason}").format(
                file=file, key="districts", reason=_("district codes must be unique")
            )
        )
    for index, entry in enumerate(config.server.trusted_proxies):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ConfigError(
                _("{file}: invalid value at '{key}': {reason}").format(
                    file=file,
                    key=f"server.trusted_proxies[{index}]",
                    reason=_("not an IP address or network"),
                )
            ) from None
    for index, hood in enumerate(config.neighbourhoods):
        if hood.district not in codes:
            raise ConfigError(
                _("{file}: invalid value at '{key}': {reason}").format(
                    file=file,
                    key=f"neighbourhoods[{index}].district",
                    reason=_("unknown district '{code}'").format(code=hood.district),
                )
            )

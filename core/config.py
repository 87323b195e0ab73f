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
from parvis.tomlkeys import KeyLocator

BUNDLED_PROFILE = Path(__file__).parent / "profiles" / "paris.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file, the line and the key.

    Build one with `config_error(file, key, reason)`: it finds the key's line in the file and
    words the message in the current language (the CLI speaks the operator's).
    """

    def __init__(self, message: str, *, file: str = "", key: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.file = file
        self.key = key
        self.line = line


_locators: dict[tuple[str, float], KeyLocator] = {}


def key_line(file: str | os.PathLike[str], key: str) -> int | None:
    """The line of ``key`` (``districts[2].code``, or the nearest enclosing table) in a TOML file."""
    try:
        path = Path(file)
        stamp = (str(path.resolve()), path.stat().st_mtime)
        if stamp not in _locators:
            _locators[stamp] = KeyLocator(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _locators[stamp].line(key)


def config_error(file: str | os.PathLike[str], key: str, reason: str) -> ConfigError:
    """A refusal of the value at ``key`` (dotted, as in ``districts[0].population``), with its line."""
    file = str(file)
    line = key_line(file, key) if file and key else None
    if line is None:
        message = _("{file}: invalid value at '{key}': {reason}").format(file=file, key=key, reason=reason)
    else:
        message = _("{file}, line {line}: invalid value at '{key}': {reason}").format(
            file=file, line=line, key=key, reason=reason
        )
    return ConfigError(message, file=file, key=key, line=line)


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
    # The site's words per language, which messages use with their grammar ("{site.council:to}":
    # "au Conseil de Paris"): [site.words.fr] council = { name = "Conseil de Paris" }. Each is a
    # name or a table (name, plural, gender, article, elision, forms); see parvis.words and
    # docs/configuration.md. Words left out have neutral defaults ("conseil municipal").
    words: dict[str, dict[str, Any]] = {}
    # A folder of the site's own .po files, <lang>/LC_MESSAGES/<domain>.po, whose translations win
    # over Parvis's catalogs (any message, any language); relative to this file.
    translations: str = ""

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
    # Sent (and failed) messages are deleted from the outbox this many days later by the daily
    # purge of personal data (``parvis privacy purge``).
    sent_retention_days: int = 90


class Accounts(msgspec.Struct, forbid_unknown_fields=True):
    """Passwords, e-mail links and the actions that need a confirmed address."""

    password_min_length: int = 12
    # argon2id parameters. Paris uses OWASP's recommendation (19 MiB, 2 passes, 1 lane); a hash
    # made with other parameters is upgraded when its owner next signs in.
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19456
    argon2_parallelism: int = 1
    # How long the links sent by e-mail stay valid.
    reset_link_minutes: int = 60
    verification_link_hours: int = 48
    invitation_link_hours: int = 168
    # Password-reset requests: per address typed, and per client address, within the window.
    reset_requests_per_account: int = 3
    reset_requests_per_address: int = 20
    # Verification links sent again, and e-mail address changes, per account within the window.
    verification_requests_per_account: int = 3
    request_window_minutes: int = 60
    # Actions refused until the account's e-mail address is confirmed (codes: vote, apply, volunteer).
    verified_address_for: list[str] = msgspec.field(default_factory=lambda: ["vote", "apply", "volunteer"])


class Plugins(msgspec.Struct, forbid_unknown_fields=True):
    enabled: list[str] = msgspec.field(default_factory=list)
    blocked: list[str] = msgspec.field(default_factory=list)


class Server(msgspec.Struct, forbid_unknown_fields=True):
    database_url: str = "sqlite:///var/parvis.sqlite3"
    # Development mode relaxes cookie security (plain http on localhost) and enables debug pages.
    development: bool = False
    secret_key_file: str = "var/secret_key"  # noqa: S105 - a path, not a secret
    # How many machines serve this site on the same database. Above 1 every node must sign with the
    # same secret key: production then refuses a key generated on one machine (PARVIS_SECRET_KEY).
    nodes: int = 1
    # "json" (one object per line), "text", or "auto": JSON in production, text in development.
    log_format: str = "auto"
    log_level: str = "INFO"
    # Bearer token for GET /metrics (PARVIS_METRICS_TOKEN overrides it); empty: /metrics is a 404.
    metrics_token: str = ""
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
    accounts: Accounts = msgspec.field(default_factory=Accounts)
    security: Security = msgspec.field(default_factory=Security)
    # Raw per-plugin sections, validated later against each plugin's declared struct.
    settings: dict[str, dict[str, Any]] = {}
    eligibility: dict[str, dict[str, Any]] = {}
    # The city's workflows ({name: table shaped like the plugin's TOML}), checked by parvis.workflows.
    workflows: dict[str, dict[str, Any]] = {}
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


_UNKNOWN_FIELD = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$")
_MISSING_FIELD = re.compile(r"^Object missing required field `(?P<name>[^`]*)`$")
_WRONG_TYPE = re.compile(r"^Expected `(?P<expected>[^`]*)`, got `(?P<got>[^`]*)`$")
_BAD_CHOICE = re.compile(r"^Invalid enum value (?P<value>.*)$")


def describe_validation_error(error: msgspec.ValidationError, prefix: str = "") -> tuple[str, str]:
    """Split msgspec's message into (dotted key, reason in the current language).

    ``$.districts[0].population`` becomes ``districts[0].population``; an unknown or missing key is
    named in the key itself (``site.colour``). Reasons from a settings struct's own checks
    (``__post_init__``) are kept as the plugin wrote them.
    """
    text = str(error)
    match = _PATH_IN_ERROR.search(text)
    path = match.group("path").lstrip(".") if match else ""
    reason = _PATH_IN_ERROR.sub("", text)
    if found := _UNKNOWN_FIELD.match(reason):
        path = ".".join(p for p in (path, found["name"]) if p)
        reason = _("unknown key (check its spelling and its table)")
    elif found := _MISSING_FIELD.match(reason):
        path = ".".join(p for p in (path, found["name"]) if p)
        reason = _("this key is required")
    elif found := _WRONG_TYPE.match(reason):
        reason = _("Expected `{expected}`, got `{got}`").format(expected=found["expected"], got=found["got"])
    elif found := _BAD_CHOICE.match(reason):
        reason = _("{value} is not one of the accepted values").format(value=found["value"])
    key = ".".join(p for p in (prefix, path) if p)
    return key.replace(".[", "["), reason


def convert_section(data: Any, schema: type, *, file: str, prefix: str = "") -> Any:
    """Validate one mapping against a struct, raising ConfigError with file, key and expectation."""
    try:
        return msgspec.convert(data, schema, strict=True)
    except msgspec.ValidationError as error:
        key, reason = describe_validation_error(error, prefix)
        raise config_error(file, key or prefix, reason) from None


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


def check_consistency(config: Config) -> None:
    """Cross-field rules msgspec cannot express, reported like type errors (file, line, key)."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import list_currencies

    from parvis.eligibility import parse_rules

    file = config.path
    site = config.site
    for index, code in enumerate(site.locales):
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise config_error(
                file, f"site.locales[{index}]", _("'{code}' is not a known language code").format(code=code)
            ) from None
    if site.default_locale not in site.locales:
        raise config_error(file, "site.default_locale", _("must be one of site.locales"))
    if not _is_time_zone(site.timezone):
        raise config_error(
            file,
            "site.timezone",
            _("'{zone}' is not a time zone of the IANA database (Area/Location)").format(zone=site.timezone),
        )
    if site.currency not in list_currencies():
        raise config_error(
            file,
            "site.currency",
            _("'{code}' is not an ISO 4217 currency code (such as EUR or CAD)").format(code=site.currency),
        )
    check_words(config)
    server = config.server
    for key, ok, reason in (
        ("server.nodes", server.nodes >= 1, _("must be 1 or more")),
        ("server.log_format", server.log_format in {"auto", "json", "text"}, _("must be auto, json or text")),
        (
            "server.log_level",
            server.log_level.upper() in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"},
            _("must be DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        ),
    ):
        if not ok:
            raise config_error(file, key, reason)
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
            raise config_error(file, f"security.{key}", _("must be 1 or more"))
    codes = [d.code for d in config.districts]
    if len(codes) != len(set(codes)):
        duplicate = next(i for i, code in enumerate(codes) if code in codes[:i])
        raise config_error(file, f"districts[{duplicate}].code", _("district codes must be unique"))
    for index, entry in enumerate(config.server.trusted_proxies):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise config_error(
                file, f"server.trusted_proxies[{index}]", _("not an IP address or network")
            ) from None
    _check_accounts(config)
    for index, hood in enumerate(config.neighbourhoods):
        if hood.district not in codes:
            raise config_error(
                file,
                f"neighbourhoods[{index}].district",
                _("unknown district '{code}'").format(code=hood.district),
            )
    for name, rule in parse_rules(config.eligibility, file).items():
        for index, code in enumerate(rule.districts or ()):
            if code not in codes:
                raise config_error(
                    file,
                    f"eligibility.{name}.districts[{index}]",
                    _("unknown district '{code}'").format(code=code),
                )


# The actions `[accounts] verified_address_for` may name (see parvis.accounts.verification).
VERIFIED_ACTION_CODES = ("vote", "apply", "volunteer")


def _check_accounts(config: Config) -> None:
    accounts, file = config.accounts, config.path

    def refuse(key: str, reason: str) -> ConfigError:
        return config_error(file, f"accounts.{key}", reason)

    for key in (
        "password_min_length",
        "argon2_time_cost",
        "argon2_parallelism",
        "reset_link_minutes",
        "verification_link_hours",
        "invitation_link_hours",
        "reset_requests_per_account",
        "reset_requests_per_address",
        "verification_requests_per_account",
        "request_window_minutes",
    ):
        if getattr(accounts, key) < 1:
            raise refuse(key, _("must be 1 or more"))
    if accounts.argon2_memory_kib < 8 * accounts.argon2_parallelism:
        raise refuse("argon2_memory_kib", _("must be at least 8 KiB per lane of parallelism"))
    for index, code in enumerate(accounts.verified_address_for):
        if code not in VERIFIED_ACTION_CODES:
            raise refuse(
                f"verified_address_for[{index}]",
                _("unknown action '{code}' (known: {known})").format(
                    code=code, known=", ".join(VERIFIED_ACTION_CODES)
                ),
            )


def check_words(config: Config) -> None:
    """``[site.words.<lang>]``: known words, each a valid ``Word``, in known languages (those the
    site does not offer are kept but unused, so a copied profile may drop a language)."""
    from babel import Locale, UnknownLocaleError

    from parvis.words import WORDS, Word

    for language, words in config.site.words.items():
        try:
            Locale.parse(language)
        except (UnknownLocaleError, ValueError):
            raise config_error(
                config.path,
                f"site.words.{language}",
                _("'{code}' is not a known language code").format(code=language),
            ) from None
        if not isinstance(words, dict):
            raise config_error(config.path, f"site.words.{language}", _("expected a table of words"))
        for name, value in words.items():
            key = f"site.words.{language}.{name}"
            if name not in WORDS:
                raise config_error(
                    config.path,
                    key,
                    _("unknown word (the words are: {names})").format(names=", ".join(WORDS)),
                )
            as_table = {"name": value} if isinstance(value, str) else value
            convert_section(as_table, Word, file=config.path, prefix=key)


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


def _is_time_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True

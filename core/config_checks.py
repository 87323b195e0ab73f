"""Cross-field rules of a site configuration that msgspec cannot express (languages, time zone,
currency, districts, proxies, accounts, the site's words), reported like type errors."""

from __future__ import annotations

import ipaddress

from parvis.brand import check_brand
from parvis.config_errors import ConfigError, config_error, convert_section
from parvis.config_schema import Config
from parvis.i18n import _


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
    check_brand(config)
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
    _check_map(config)
    for name, rule in parse_rules(config.eligibility, file).items():
        for index, code in enumerate(rule.districts or ()):
            if code not in codes:
                raise config_error(
                    file,
                    f"eligibility.{name}.districts[{index}]",
                    _("unknown district '{code}'").format(code=code),
                )


def _check_map(config: Config) -> None:
    from urllib.parse import urlsplit

    from parvis.shapes import load_shapes

    load_shapes(config)
    geocoding = config.geocoding
    if geocoding.url:
        parts = urlsplit(geocoding.url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or "{query}" not in geocoding.url:
            raise config_error(
                config.path,
                "geocoding.url",
                _("must be an http(s) URL with {marker} where the address goes").format(marker="{query}"),
            )
    if geocoding.searches_per_address_hour < 1:
        raise config_error(config.path, "geocoding.searches_per_address_hour", _("must be 1 or more"))
    if not 0 < geocoding.timeout_seconds <= 30:
        raise config_error(config.path, "geocoding.timeout_seconds", _("must be between 0 and 30 seconds"))


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


def _is_time_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True

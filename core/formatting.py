"""Dates, numbers and money in the reader's language, through Babel.

Times are stored in UTC and shown in the site's time zone; money is stored in integer cents.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

from parvis.i18n import current_locale

if TYPE_CHECKING:
    from parvis.site import Site


@dataclass(frozen=True)
class SiteFormats:
    """A site's time zone and currency: how its times and money are shown."""

    timezone: ZoneInfo
    currency: str

    @classmethod
    def of(cls, timezone: str, currency: str) -> SiteFormats:
        return cls(ZoneInfo(timezone), currency)


# Outside any site (a library, a script): the configuration's defaults, never another site's.
DEFAULT_FORMATS = SiteFormats.of("Europe/Paris", "EUR")
# The site a request, a command, a job or a test works for (``site.activate()``), per context:
# the sites of one process never see each other's.
_current: ContextVar[SiteFormats | None] = ContextVar("parvis_site_formats", default=None)


@lru_cache(maxsize=32)
def parsed_locale(code: str) -> Locale:
    """Babel parses a locale's data on every call; pages format hundreds of values."""
    return Locale.parse(code)


@contextmanager
def use_site_formats(formats: SiteFormats) -> Iterator[None]:
    """Format in this site's time zone and currency for the duration of a block."""
    token = _current.set(formats)
    try:
        yield
    finally:
        _current.reset(token)


def formats_for(site: Site | None = None) -> SiteFormats:
    """The given site's formats, else the active site's (``site.activate()``), else the defaults."""
    if site is not None:
        return site.formats
    return _current.get() or DEFAULT_FORMATS


def site_timezone(site: Site | None = None) -> ZoneInfo:
    return formats_for(site).timezone


def site_currency(site: Site | None = None) -> str:
    return formats_for(site).currency


def local(value: datetime, site: Site | None = None) -> datetime:
    """A stored UTC time (naive values are UTC) in the site's time zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(site_timezone(site))


def format_date(
    value: date | datetime | None,
    format: str = "long",  # noqa: A002
    *,
    site: Site | None = None,
) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value, site).date()
    return dates.format_date(value, format=format, locale=parsed_locale(current_locale.get()))


def format_datetime(
    value: datetime | None,
    format: str = "medium",  # noqa: A002
    *,
    site: Site | None = None,
) -> str:
    if value is None:
        return ""
    locale = parsed_locale(current_locale.get())
    return dates.format_datetime(local(value, site), format=format, locale=locale)


def format_time(
    value: datetime | None,
    format: str = "short",  # noqa: A002
    *,
    site: Site | None = None,
) -> str:
    if value is None:
        return ""
    return dates.format_time(local(value, site), format=format, locale=parsed_locale(current_locale.get()))


def format_number(value: float | int | Decimal) -> str:
    return numbers.format_decimal(value, locale=parsed_locale(current_locale.get()))


def format_percent(value: float | Decimal, digits: int = 0) -> str:
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return numbers.format_percent(value, format=pattern, locale=parsed_locale(current_locale.get()))


def format_money(
    cents: int | None, currency: str | None = None, whole: bool = False, *, site: Site | None = None
) -> str:
    """Integer cents as currency ("1 250,50 €", "€1,250.50"); `whole` drops the cents for large sums."""
    if cents is None:
        return ""
    locale = parsed_locale(current_locale.get())
    code = currency or site_currency(site)
    if not whole:
        return numbers.format_currency(Decimal(cents) / 100, code, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return numbers.format_currency(
        Decimal(round(cents / 100)), code, locale=locale, format=pattern, currency_digits=False
    )

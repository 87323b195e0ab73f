"""Dates, numbers and money in the reader's language, through Babel.

Times are stored in UTC and shown in the site's time zone; money is stored in integer cents.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

from parvis.i18n import current_locale

# The process's default (the first site built configures it), and the site a request, a command
# or a test works for (``use_site_formats``): several sites of one process keep their own.
_site: dict[str, Any] = {"timezone": ZoneInfo("Europe/Paris"), "currency": "EUR", "configured": False}
_current: ContextVar[dict[str, Any] | None] = ContextVar("parvis_site_formats", default=None)


@lru_cache(maxsize=32)
def parsed_locale(code: str) -> Locale:
    """Babel parses a locale's data on every call; pages format hundreds of values."""
    return Locale.parse(code)


def configure(timezone: str, currency: str, *, first_only: bool = False) -> None:
    """Set the process's default time zone and currency (``first_only``: unless a site did)."""
    if first_only and _site["configured"]:
        return
    _site.update(timezone=ZoneInfo(timezone), currency=currency, configured=True)


@contextmanager
def use_site_formats(timezone: str, currency: str) -> Iterator[None]:
    """Format in this site's time zone and currency for the duration of a block."""
    token = _current.set({"timezone": ZoneInfo(timezone), "currency": currency})
    try:
        yield
    finally:
        _current.reset(token)


def _setting(name: str) -> Any:
    return (_current.get() or _site)[name]


def site_timezone() -> ZoneInfo:
    return _setting("timezone")  # type: ignore[no-any-return]


def site_currency() -> str:
    return str(_setting("currency"))


def local(value: datetime) -> datetime:
    """A stored UTC time (naive values are UTC) in the site's time zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(site_timezone())


def format_date(value: date | datetime | None, format: str = "long") -> str:  # noqa: A002
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return dates.format_date(value, format=format, locale=parsed_locale(current_locale.get()))


def format_datetime(value: datetime | None, format: str = "medium") -> str:  # noqa: A002
    if value is None:
        return ""
    return dates.format_datetime(local(value), format=format, locale=parsed_locale(current_locale.get()))


def format_time(value: datetime | None, format: str = "short") -> str:  # noqa: A002
    if value is None:
        return ""
    return dates.format_time(local(value), format=format, locale=parsed_locale(current_locale.get()))


def format_number(value: float | int | Decimal) -> str:
    return numbers.format_decimal(value, locale=parsed_locale(current_locale.get()))


def format_percent(value: float | Decimal, digits: int = 0) -> str:
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return numbers.format_percent(value, format=pattern, locale=parsed_locale(current_locale.get()))


def format_money(cents: int | None, currency: str | None = None, whole: bool = False) -> str:
    """Integer cents as currency ("1 250,50 €", "€1,250.50"); `whole` drops the cents for large sums."""
    if cents is None:
        return ""
    locale = parsed_locale(current_locale.get())
    code = currency or site_currency()
    if not whole:
        return numbers.format_currency(Decimal(cents) / 100, code, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return numbers.format_currency(
        Decimal(round(cents / 100)), code, locale=locale, format=pattern, currency_digits=False
    )

"""Dates, numbers and money in the reader's language, through Babel.

Times are stored in UTC and shown in the site's time zone; money is stored in integer cents.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

from parvis.i18n import current_locale

_site = {"timezone": ZoneInfo("Europe/Paris"), "currency": "EUR"}


@lru_cache(maxsize=32)
def parsed_locale(code: str) -> Locale:
    """Babel parses a locale's data on every call; pages format hundreds of values."""
    return Locale.parse(code)


def configure(timezone: str, currency: str) -> None:
    _site["timezone"] = ZoneInfo(timezone)
    _site["currency"] = currency


def site_timezone() -> ZoneInfo:
    return _site["timezone"]  # type: ignore[return-value]


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
    code = currency or str(_site["currency"])
    if not whole:
        return numbers.format_currency(Decimal(cents) / 100, code, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return numbers.format_currency(
        Decimal(round(cents / 100)), code, locale=locale, format=pattern, currency_digits=False
    )

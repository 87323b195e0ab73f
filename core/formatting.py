"""Dates, numbers and money in the reader's language, through Babel, and each language's
typography.

Times are stored in UTC and shown in the site's time zone; money is stored in integer cents.

Typography (``punctuate``, ``colon``): French puts a narrow no-break space (U+202F) before
: ; ! ? and inside « », and writes the first of the month "1er"; Japanese uses full-width
punctuation after Japanese text ("名称：", not "名称: "). The catalogs carry these rules in their
messages; ``punctuate`` applies them to every value a page prints (the template environment's
``finalize``), so texts typed by officials read the same; ``colon`` joins a label and its value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any
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


# French writes the first of the month as an ordinal: "1er octobre 2026" (not "1 octobre").
_FIRST_OF_MONTH = re.compile(r"(?<![\d/.-])1(?=[ \u00a0\u202f][^\W\d])")


def _in_words(babel_format: Callable[..., str], value: date | datetime, format: str) -> str:  # noqa: A002
    """``value`` written by Babel's ``babel_format`` in the current language, the first of the
    month an ordinal in French."""
    language = current_locale.get()
    text = babel_format(value, format=format, locale=parsed_locale(language))
    if value.day != 1 or not language.startswith("fr"):
        return text
    return _FIRST_OF_MONTH.sub("1er", text, count=1)


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
    return _in_words(dates.format_date, value, format)


def format_datetime(
    value: datetime | None,
    format: str = "medium",  # noqa: A002
    *,
    site: Site | None = None,
) -> str:
    if value is None:
        return ""
    return _in_words(dates.format_datetime, local(value, site), format)


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


# --- Typography -------------------------------------------------------------------------------

NARROW_NBSP = "\u202f"
# A space (ordinary or no-break) before a high punctuation mark or a closing guillemet, the mark
# followed by a space, the end, or closing punctuation: never a URL's "?" or a time's ":".
_FR_SPACE_BEFORE = re.compile(r"(?<=\S)[ \u00a0]+([;:!?»])(?=[\s)\]»\"'.,<]|$)")
_FR_SPACE_BEFORE_GUILLEMET = re.compile(r"(?<=\S)[ \u00a0]+»")
_FR_SPACE_AFTER_GUILLEMET = re.compile(r"«[ \u00a0]+(?=\S)")
# Japanese (and Chinese) text followed by ASCII punctuation meant as a label's colon or a mark.
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_JA_COLON = re.compile(rf"(?<=[{_CJK}]) ?: ?")
_JA_MARKS = re.compile(rf"(?<=[{_CJK}]) ?([!?])")
_FULL_WIDTH = {"!": "！", "?": "？"}


def punctuate(text: str, language: str | None = None) -> str:
    """``text`` with its language's spacing around punctuation: in French a narrow no-break space
    replaces a space before : ; ! ? » and after «; in Japanese a colon, ! or ? after Japanese
    text is full-width. Other languages, and text without these marks, are returned as is."""
    language = language or current_locale.get()
    if language.startswith("fr"):
        if not any(mark in text for mark in ":;!?«»"):
            return text
        text = _FR_SPACE_BEFORE.sub(NARROW_NBSP + r"\1", text)
        text = _FR_SPACE_BEFORE_GUILLEMET.sub(NARROW_NBSP + "»", text)
        return _FR_SPACE_AFTER_GUILLEMET.sub("«" + NARROW_NBSP, text)
    if language.startswith("ja"):
        if not any(mark in text for mark in ":!?"):
            return text
        text = _JA_COLON.sub("：", text)
        return _JA_MARKS.sub(lambda found: _FULL_WIDTH[found.group(1)], text)
    return text


def colon(label: Any, language: str | None = None) -> str:
    """A label followed by its language's colon, ready for the value that follows:
    "Prénom\u202f: " in French, "名称：" in Japanese, "Name: " in English."""
    language = language or current_locale.get()
    if language.startswith("fr"):
        return f"{label}{NARROW_NBSP}: "
    if language.startswith(("ja", "zh")):
        return f"{label}："
    return f"{label}: "


def labelled(label: Any, value: Any, language: str | None = None) -> str:
    """A label and its value or message: "Prénom\u202f: ce champ est obligatoire." (French
    goes on in lower case after a colon), "名称：必須です。", "Given name: This field is required."."""
    language = language or current_locale.get()
    text = str(value)
    if language.startswith("fr") and len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return colon(label, language) + text

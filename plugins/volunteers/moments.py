"""Dates and times as people read them: "sam. 28 nov. 2026, 14:00", without seconds or time zone
names (Babel's "medium" and "full" date-times have both). Cached: the same missions' dates are
formatted again and again."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from parvis.api import _, current_locale, format_date, format_time


@lru_cache(maxsize=20_000)
def _formatted(value: datetime, kind: str, locale: str) -> str:
    if kind == "time":
        return format_time(value)
    return format_date(value, kind)


def day(value: datetime, fmt: str = "medium") -> str:
    return _formatted(value, fmt, current_locale.get())


def moment(value: datetime, fmt: str = "medium") -> str:
    """A date and a time: "28 nov. 2026, 14:00"."""
    locale = current_locale.get()
    return _("{date}, {time}").format(
        date=_formatted(value, fmt, locale), time=_formatted(value, "time", locale)
    )


def span(start: datetime, end: datetime) -> str:
    """A time slot: "samedi 28 novembre 2026, 14:00 – 16:00" (the end's day when it differs)."""
    locale = current_locale.get()
    if _formatted(start, "short", locale) != _formatted(end, "short", locale):
        return _("{start} – {end}").format(start=moment(start, "full"), end=moment(end, "full"))
    return _("{date}, {start} – {end}").format(
        date=_formatted(start, "full", locale),
        start=_formatted(start, "time", locale),
        end=_formatted(end, "time", locale),
    )

"""Mission cards as ready-to-print values: the catalogue shows up to 20 at a time, in three
languages, and formatting dates and numbers through Babel was most of a page's rendering time.

Formatted dates are cached (``moments.py``): the same missions are shown again and again, so a
page mostly hits the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parvis.api import _, format_number
from parvis.plugins.volunteers.models import MissionKind
from parvis.plugins.volunteers.moments import day, moment
from parvis.plugins.volunteers.search.query import MissionRow
from parvis.plugins.volunteers.settings import VolunteersSettings
from parvis.plugins.volunteers.themes import theme_label


@dataclass(frozen=True, slots=True)
class Card:
    public_id: str
    title: str
    starts_at: datetime | None
    theme: str
    tag: str  # the kind of mission ("Recurring") or of event ("Guided walk")
    full: bool
    when: str
    proposer: str
    where: str
    taken: int
    capacity: int
    places: str  # "Already 11 / 40 participants!" or "Be the first to act!"


def number(value: int) -> str:
    """Small numbers need no locale formatting (no grouping below 1,000 in fr, en or ja)."""
    return str(value) if -1000 < value < 1000 else format_number(value)


def when(kind: MissionKind, starts_at: datetime | None, ends_at: datetime | None, sessions: int) -> str:
    if starts_at is None or ends_at is None:
        return _("Dates to be announced")
    if kind == MissionKind.RECURRING:
        return _("From {start} to {end}, {count} sessions").format(
            start=day(starts_at),
            end=day(ends_at),
            count=number(sessions),
        )
    if kind == MissionKind.REMOTE:
        return _("Remote, from {start} to {end}").format(start=day(starts_at), end=day(ends_at))
    return moment(starts_at)


def places_text(taken: int, capacity: int) -> str:
    if taken == 0:
        return _("Be the first to act!")
    return _("Already {taken} / {capacity} participants!").format(
        taken=number(taken), capacity=number(capacity)
    )


def card(row: MissionRow, settings: VolunteersSettings, district_name, title: str | None = None) -> Card:
    """``title``: the row's title in the page's language (markup), when it differs from the row's."""
    where = ""
    if row.kind != MissionKind.REMOTE:
        where = ", ".join(part for part in (row.place_name, district_name(row.district)) if part)
    return Card(
        public_id=row.public_id,
        title=title if title is not None else row.title,
        starts_at=row.starts_at,
        theme=theme_label(settings, row.theme),
        tag=_(row.event_type.label) if row.event_type else _(row.kind.label),
        full=bool(row.capacity_total) and row.taken_total >= row.capacity_total,
        when=when(row.kind, row.starts_at, row.ends_at, row.slot_count),
        proposer=_("Proposed by {organisation}").format(organisation=row.organisation_name),
        where=where,
        taken=row.taken_total,
        capacity=row.capacity_total,
        places=places_text(row.taken_total, row.capacity_total),
    )

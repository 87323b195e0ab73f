"""Search filters: read leniently from a query string, so a shared URL always works.

A page ignores a bad value and says so (``problems``); the open-data API refuses it with a 400.
The same ``MissionFilters`` turns back into a query string for pagination and the list/map
toggle, so what the visitor sees is always what the URL says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from parvis.api import MAX_PAGE, _
from parvis.plugins.volunteers.models import Category, EventType, MissionKind

MAX_QUERY = 200
VIEWS = ("list", "map")


@dataclass(frozen=True, slots=True)
class MissionFilters:
    q: str = ""
    theme: str | None = None
    district: str | None = None
    kinds: tuple[MissionKind, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    places_left: bool = False
    category: Category = Category.MISSION
    event_type: EventType | None = None
    organisation_id: int | None = None  # an organisation's page (not from the query string)
    page: int = 1
    view: str = "list"

    @property
    def active(self) -> bool:
        """Whether the visitor narrowed the search (the page then says how to clear it)."""
        return (
            bool(self.q or self.theme or self.district or self.kinds or self.date_from or self.date_to)
            or self.places_left
            or self.event_type is not None
        )

    def query(self, **changes: Any) -> dict[str, Any]:
        """The query-string parameters of these filters (with ``changes``), defaults left out."""
        f = replace(self, **changes)
        params: dict[str, Any] = {
            "q": f.q,
            "theme": f.theme,
            "district": f.district,
            "type": [k.value for k in f.kinds],
            "from": f.date_from.isoformat() if f.date_from else None,
            "to": f.date_to.isoformat() if f.date_to else None,
            "places": "1" if f.places_left else None,
            "event": f.event_type.value if f.event_type else None,
            "page": f.page if f.page > 1 else None,
            "view": f.view if f.view != "list" else None,
        }
        return {k: v for k, v in params.items() if v not in (None, "", [])}


@dataclass(slots=True)
class Parsed:
    filters: MissionFilters
    problems: list[str] = field(default_factory=list)


def _last(params: Mapping[str, Sequence[str]], name: str) -> str:
    values = params.get(name) or ()
    return values[-1].strip() if values else ""


def _date(params: Mapping[str, Sequence[str]], name: str, problems: list[str], label: str) -> date | None:
    raw = _last(params, name)
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        day = None
    if day is None or not date(2000, 1, 1) <= day <= date(2200, 1, 1):
        problems.append(
            _("“{value}” is not a date like 2026-03-31: the {field} filter was ignored.").format(
                value=raw[:40], field=label
            )
        )
        return None
    return day


def parse_filters(
    params: Mapping[str, Sequence[str]],
    *,
    themes: Sequence[str],
    districts: Sequence[str],
    category: Category = Category.MISSION,
) -> Parsed:
    """Read filters from query parameters (each a list of values, as a query string may repeat them)."""
    problems: list[str] = []
    q = _last(params, "q")
    if len(q) > MAX_QUERY:
        problems.append(_("The search words were shortened to {count} characters.").format(count=MAX_QUERY))
        q = q[:MAX_QUERY]
    theme = _last(params, "theme") or None
    if theme is not None and theme not in themes:
        problems.append(
            _("There is no theme “{value}”: the theme filter was ignored.").format(value=theme[:40])
        )
        theme = None
    district = _last(params, "district") or None
    if district is not None and district not in districts:
        problems.append(
            _("There is no {site.district} “{value}”: the filter was ignored.").format(value=district[:40])
        )
        district = None
    kinds: list[MissionKind] = []
    for raw in params.get("type") or ():
        try:
            kind = MissionKind(raw)
        except ValueError:
            problems.append(_("There is no mission type “{value}”: it was ignored.").format(value=raw[:40]))
            continue
        if kind not in kinds:
            kinds.append(kind)
    event_type: EventType | None = None
    if raw_event := _last(params, "event"):
        try:
            event_type = EventType(raw_event)
        except ValueError:
            problems.append(
                _("There is no event type “{value}”: it was ignored.").format(value=raw_event[:40])
            )
    date_from = _date(params, "from", problems, _("“from”"))
    date_to = _date(params, "to", problems, _("“to”"))
    if date_from and date_to and date_to < date_from:
        problems.append(_("The end date is before the start date: the dates were swapped."))
        date_from, date_to = date_to, date_from
    places = _last(params, "places") in {"1", "on", "true", "yes"}
    page = 1
    if raw_page := _last(params, "page"):
        if raw_page.isdigit() and 1 <= int(raw_page) <= MAX_PAGE:
            page = int(raw_page)
        else:
            problems.append(
                _("“{value}” is not a page number: the first page is shown.").format(value=raw_page[:20])
            )
    view = _last(params, "view") or "list"
    if view not in VIEWS:
        problems.append(_("There is no view “{value}”: the list is shown.").format(value=view[:20]))
        view = "list"
    filters = MissionFilters(
        q=q,
        theme=theme,
        district=district,
        kinds=tuple(kinds),
        date_from=date_from,
        date_to=date_to,
        places_left=places,
        category=category,
        event_type=event_type,
        page=page,
        view=view,
    )
    return Parsed(filters, problems)

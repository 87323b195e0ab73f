"""Open data: the published missions as JSON (documented in the OpenAPI schema) and CSV, with the
search's filters; and each volunteer's private calendar feed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import msgspec
from litestar import Controller, Response, get
from litestar.exceptions import HTTPException, NotFoundException
from litestar.openapi.spec import OpenAPIType, Operation, Parameter, Schema
from sqlalchemy import select

from parvis.api import DB, Account, FromPath, _, csv_response, csv_text, public, state_of, use_locale, utcnow
from parvis.api import AnyRequest as Req
from parvis.plugins.volunteers import ical
from parvis.plugins.volunteers.models import (
    CalendarFeed,
    Category,
    Mission,
    Participation,
    ParticipationStatus,
    Slot,
)
from parvis.plugins.volunteers.search import MissionFilters, search_missions
from parvis.plugins.volunteers.search.filters import parse_filters
from parvis.plugins.volunteers.search.query import MissionRow

PAGE_SIZE = 100


class MissionOut(msgspec.Struct):
    """A published mission, as the open-data API gives it."""

    id: str
    title: str
    theme: str
    type: str  # one_off, recurring, remote
    category: str  # mission, event
    event_type: str | None
    organisation: str
    district: str | None
    place: str
    latitude: float | None
    longitude: float | None
    starts_at: datetime | None
    ends_at: datetime | None
    sessions: int
    places: int
    participants: int
    places_left: int
    min_age: int | None
    url: str


class MissionList(msgspec.Struct):
    """One page of missions matching the filters (the same as the search page's)."""

    count: int
    page: int
    pages: int
    missions: list[MissionOut]


class BadFilter(HTTPException):
    status_code = 400


def _query(name: str, description: str, kind: OpenAPIType = OpenAPIType.STRING, **schema: Any) -> Parameter:
    return Parameter(
        name=name,
        param_in="query",
        required=False,
        description=description,
        schema=Schema(type=kind, **schema),
    )


# The search page's filters, which the handlers read with the same parser as the page.
FILTER_PARAMETERS = [
    _query("q", "Keywords, in any order; accents and case are ignored."),
    _query("theme", "A theme code (see the site's volunteers settings), e.g. environment."),
    _query("district", "A district code of the site's configuration, e.g. 11 or centre."),
    _query(
        "type",
        "one_off, recurring or remote; repeat the parameter for several.",
        OpenAPIType.ARRAY,
        items=Schema(type=OpenAPIType.STRING, enum=["one_off", "recurring", "remote"]),
    ),
    _query("from", "Missions with a session on or after this date.", format="date"),
    _query("to", "Missions with a session on or before this date.", format="date"),
    _query("places", "1: only missions with places left.", enum=["1"]),
    _query("category", "mission (default) or event.", enum=["mission", "event"]),
    _query("event", "For events: the kind of event.", enum=["walk", "visit", "conference", "workshop"]),
    _query("page", "Page number, from 1 (missions.json only).", OpenAPIType.INTEGER, minimum=1),
]


@dataclass
class FilteredMissions(Operation):
    """The generated operation, plus the filters (read from the query string, not the signature)."""

    def __post_init__(self) -> None:
        self.parameters = [*(self.parameters or []), *FILTER_PARAMETERS]


def _filters(request: Req) -> MissionFilters:
    site = state_of(request).site
    params = {key: request.query_params.getall(key) for key in request.query_params}
    category = (params.pop("category", None) or ["mission"])[-1]
    try:
        chosen = Category(category)
    except ValueError:
        raise BadFilter(detail=_("There is no category “{value}”.").format(value=category[:40])) from None
    parsed = parse_filters(
        params,
        themes=[t.code for t in site.settings("volunteers").themes],
        districts=[d.code for d in site.config.districts],
        category=chosen,
    )
    if parsed.problems:
        raise BadFilter(detail=" ".join(parsed.problems))
    return parsed.filters


def _out(request: Req, row: MissionRow) -> MissionOut:
    locale = state_of(request).site.config.site.default_locale
    return MissionOut(
        id=row.public_id,
        title=row.title,
        theme=row.theme,
        type=row.kind.value,
        category=row.category.value,
        event_type=row.event_type.value if row.event_type else None,
        organisation=row.organisation_name,
        district=row.district,
        place=row.place_name,
        latitude=row.latitude,
        longitude=row.longitude,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        sessions=row.slot_count,
        places=row.capacity_total,
        participants=row.taken_total,
        places_left=row.places_left,
        min_age=row.min_age,
        url=str(
            request.url.with_replacements(path=f"/{locale}/volunteers/missions/{row.public_id}", query="")
        ),
    )


class OpenDataController(Controller):
    path = "/volunteers"
    tags = ["volunteers"]

    @get(
        "/missions.json",
        guards=[public],
        name="volunteers-api-missions",
        summary="Published missions",
        operation_class=FilteredMissions,
    )
    def missions_json(self, request: Req, db: DB) -> MissionList:
        """Published missions that are not finished, 100 per page; filters: ``q``, ``theme``,
        ``district``, ``type`` (repeatable), ``from``, ``to`` (dates), ``places=1``, ``category``
        (``mission`` or ``event``), ``page``. A bad filter value answers 400 with the reason."""
        filters = _filters(request)
        result = search_missions(db, filters, PAGE_SIZE)
        return MissionList(
            count=result.total,
            page=result.page,
            pages=result.pages,
            missions=[_out(request, row) for row in result.rows],
        )

    @get(
        "/missions.csv",
        guards=[public],
        name="volunteers-api-missions-csv",
        summary="Published missions (CSV)",
        media_type="text/csv",
        operation_class=FilteredMissions,
    )
    def missions_csv(self, request: Req, db: DB) -> Response[str]:
        """The same missions and filters as ``missions.json``, every page, as CSV (UTF-8, comma-separated)."""
        filters = _filters(request)
        fields = list(MissionOut.__struct_fields__)

        def rows() -> Iterator[list[Any]]:
            page = 1
            while True:
                result = search_missions(db, replace(filters, page=page), 1000)
                for row in result.rows:
                    item = _out(request, row)
                    yield [getattr(item, f) for f in fields]
                if page >= result.pages:
                    return
                page += 1

        return csv_response(csv_text(fields, rows()), "missions.csv")

    @get("/calendar/{token:str}/feed.ics", guards=[public], include_in_schema=False, name="volunteers-feed")
    def feed(self, request: Req, db: DB, token: FromPath[str]) -> Response[str]:
        """A volunteer's private calendar (the token is the only credential: unguessable, rotatable)."""
        feed = db.scalar(select(CalendarFeed).where(CalendarFeed.token == token)) if len(token) < 64 else None
        account = db.get(Account, feed.account_id) if feed else None
        if account is None or not account.active:
            raise NotFoundException(_("This calendar address does not exist (any more)."))
        from parvis.plugins.volunteers.web.missions import slot_event

        site = state_of(request).site
        locale = account.locale if account.locale in site.locales else site.config.site.default_locale
        since = utcnow() - timedelta(days=365)
        rows = db.execute(
            select(Participation, Slot, Mission)
            .join(Slot, Slot.id == Participation.slot_id)
            .join(Mission, Mission.id == Slot.mission_id)
            .where(
                Participation.account_id == account.id,
                Participation.status.in_([ParticipationStatus.CONFIRMED, ParticipationStatus.WAITLISTED]),
                Slot.ends_at > since,
            )
            .order_by(Slot.starts_at)
        ).all()
        with use_locale(locale):
            events = []
            for participation, slot, mission in rows:
                status = (
                    "TENTATIVE" if participation.status == ParticipationStatus.WAITLISTED else "CONFIRMED"
                )
                events.append(slot_event(request, mission, slot, status))
            body = ical.calendar(events, _("My volunteer missions"))
        return Response(
            body, media_type="text/calendar; charset=utf-8", headers={"cache-control": "private, no-store"}
        )

"""Running a search: filters to SQL on ``volunteers_mission`` alone (plus its organisation's name).

The search never touches participations: places come from the counters the sign-up keeps on
the mission. A page is one indexed query: the rows of the page and, through ``count(*) OVER ()``,
the total, so the full-text match is evaluated once (and, on SQLite, the BM25 rank is computed
only for the rows left after the filters). Statements are Core (no ORM compilation) and built
once per *shape* (which filters are used) with bound parameters, then reused: building an
expression tree cost more than running the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from parvis.api import site_timezone, utcnow
from parvis.api.moderation import visible
from parvis.plugins.volunteers.models import (
    MISSION,
    Category,
    EventType,
    Mission,
    MissionKind,
    MissionStatus,
    Organisation,
)
from parvis.plugins.volunteers.search.backends import backend_for
from parvis.plugins.volunteers.search.filters import MissionFilters

M = Mission.__table__.c
O = Organisation.__table__.c  # noqa: E741 - the organisation table's columns


@dataclass(frozen=True, slots=True)
class MissionRow:
    """What a mission card and the open-data API show."""

    public_id: str
    title: str
    theme: str
    kind: MissionKind
    category: Category
    event_type: EventType | None
    district: str | None
    place_name: str
    latitude: float | None
    longitude: float | None
    starts_at: datetime | None
    ends_at: datetime | None
    slot_count: int
    capacity_total: int
    taken_total: int
    min_age: int | None
    organisation_name: str
    organisation_slug: str

    @property
    def places_left(self) -> int:
        return max(0, self.capacity_total - self.taken_total)


@dataclass(frozen=True, slots=True)
class SearchPage:
    rows: list[MissionRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


ROW_COLUMNS = (
    M.public_id,
    M.title,
    M.theme,
    M.kind,
    M.category,
    M.event_type,
    M.district,
    M.place_name,
    M.latitude,
    M.longitude,
    M.starts_at,
    M.ends_at,
    M.slot_count,
    M.capacity_total,
    M.taken_total,
    M.min_age,
    O.name,
    O.slug,
)


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=site_timezone()).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Shape:
    """Which filters a search uses: one compiled statement per shape, values as parameters."""

    dialect: str
    organisation_id: bool
    theme: bool
    district: bool
    kinds: bool
    event_type: bool
    date_to: bool
    places_left: bool
    terms: int


def _shape_and_params(
    db: Session, filters: MissionFilters, now: datetime | None
) -> tuple[Shape, dict[str, Any]]:
    dialect = db.get_bind().dialect.name
    backend = backend_for(dialect)
    terms = backend.terms(filters.q) if filters.q else []
    moment = now or utcnow()
    start = _local_midnight_utc(filters.date_from) if filters.date_from else None
    params: dict[str, Any] = {
        "status": MissionStatus.PUBLISHED,
        "category": filters.category,
        "organisation_id": filters.organisation_id,
        "theme": filters.theme,
        "district": filters.district,
        "kinds": list(filters.kinds),
        "event_type": filters.event_type,
        # Finished missions leave the catalogue; a date range keeps those overlapping it.
        "ends_after": max(start or moment, moment),
        "starts_before": _local_midnight_utc(filters.date_to + timedelta(days=1))
        if filters.date_to
        else None,
        **(backend.params(terms) if terms else {}),
    }
    shape = Shape(
        dialect=dialect,
        organisation_id=filters.organisation_id is not None,
        theme=bool(filters.theme),
        district=bool(filters.district),
        kinds=bool(filters.kinds),
        event_type=filters.event_type is not None,
        date_to=filters.date_to is not None,
        places_left=filters.places_left,
        terms=len(terms),
    )
    return shape, {key: value for key, value in params.items() if value is not None}


def _build(shape: Shape, columns: tuple[Any, ...], organisation: bool) -> tuple[Select, ColumnElement | None]:
    stmt = select(*columns).select_from(Mission.__table__)
    if organisation:
        stmt = stmt.join(Organisation.__table__, O.id == M.organisation_id)
    stmt = stmt.where(
        M.status == bindparam("status"),
        visible(MISSION, M.public_id),
        M.category == bindparam("category"),
        M.ends_at >= bindparam("ends_after"),
    )
    if shape.organisation_id:
        stmt = stmt.where(M.organisation_id == bindparam("organisation_id"))
    if shape.theme:
        stmt = stmt.where(M.theme == bindparam("theme"))
    if shape.district:
        stmt = stmt.where(M.district == bindparam("district"))
    if shape.kinds:
        stmt = stmt.where(M.kind.in_(bindparam("kinds", expanding=True)))
    if shape.event_type:
        stmt = stmt.where(M.event_type == bindparam("event_type"))
    if shape.date_to:
        stmt = stmt.where(M.starts_at < bindparam("starts_before"))
    if shape.places_left:
        stmt = stmt.where(M.taken_total < M.capacity_total)
    if shape.terms:
        return backend_for(shape.dialect).apply(stmt, shape.terms)
    return stmt, None


@lru_cache(maxsize=512)
def _page_statement(shape: Shape) -> Select:
    stmt, rank = _build(shape, (*ROW_COLUMNS, func.count().over()), organisation=True)
    order = [rank] if rank is not None else []
    # Dated missions by their first date; remote ones ("whenever you like") after them.
    remote_last = case((M.kind == MissionKind.REMOTE, 1), else_=0)
    return (
        stmt.order_by(*order, remote_last, M.starts_at, M.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


@lru_cache(maxsize=512)
def _count_statement(shape: Shape) -> Select:
    return _build(shape, (func.count(),), organisation=False)[0]


@lru_cache(maxsize=512)
def _pins_statement(shape: Shape) -> Select:
    columns = (M.public_id, M.title, M.theme, M.latitude, M.longitude, M.capacity_total - M.taken_total)
    stmt = _build(shape, columns, organisation=False)[0]
    return (
        stmt.where(M.latitude.is_not(None), M.longitude.is_not(None)).order_by(M.id).limit(bindparam("limit"))
    )


def count_missions(db: Session, filters: MissionFilters, now: datetime | None = None) -> int:
    shape, params = _shape_and_params(db, filters, now)
    return int(db.scalar(_count_statement(shape), params) or 0)


def search_missions(
    db: Session, filters: MissionFilters, page_size: int = 20, now: datetime | None = None
) -> SearchPage:
    shape, params = _shape_and_params(db, filters, now)
    statement = _page_statement(shape)
    page = filters.page
    rows = db.execute(statement, {**params, "limit": page_size, "offset": (page - 1) * page_size}).all()
    if rows:
        total = int(rows[0][-1])
    else:  # past the last page (or nothing found): count, and show the last page
        total = int(db.scalar(_count_statement(shape), params) or 0)
        last = max(1, -(-total // page_size))
        if total and page > last:
            page = last
            rows = db.execute(
                statement, {**params, "limit": page_size, "offset": (page - 1) * page_size}
            ).all()
        page = min(page, last)
    return SearchPage([MissionRow(*row[:-1]) for row in rows], total, page, page_size)


@dataclass(frozen=True, slots=True)
class Pin:
    public_id: str
    title: str
    theme: str
    latitude: float
    longitude: float
    places_left: int


def search_pins(db: Session, filters: MissionFilters, limit: int, now: datetime | None = None) -> list[Pin]:
    """Every matching mission with coordinates (up to ``limit``), for the map."""
    shape, params = _shape_and_params(db, filters, now)
    return [Pin(*row) for row in db.execute(_pins_statement(shape), {**params, "limit": limit})]


def open_count(db: Session, now: datetime | None = None) -> int:
    """How many missions are open now (the home page's panel)."""
    return count_missions(db, MissionFilters(), now)

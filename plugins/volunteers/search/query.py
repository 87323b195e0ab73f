"""Running a search: filters to SQL on ``volunteers_mission`` alone (plus its organisation's name).

The search never touches participations: places come from the counters the sign-up keeps on
the mission. A page is one indexed query: the rows of the page and, through ``count(*) OVER ()``,
the total, so the full-text match is evaluated once (and, on SQLite, the BM25 rank is computed
only for the rows left after the filters). Core (not ORM) statements: no ORM compilation per call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from parvis.db import utcnow
from parvis.formatting import site_timezone
from parvis.plugins.volunteers.models import (
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


def _filtered(
    db: Session,
    filters: MissionFilters,
    columns: tuple[ColumnElement, ...],  # type: ignore[type-arg]
    now: datetime | None = None,
    *,
    organisation: bool = True,
) -> tuple[Select, ColumnElement | None]:  # type: ignore[type-arg]
    """The filtered statement and its relevance order (None without keywords).

    ``organisation=False`` leaves out the join a count does not need.
    """
    stmt = select(*columns).select_from(Mission.__table__)
    if organisation:
        stmt = stmt.join(Organisation.__table__, O.id == M.organisation_id)
    stmt = stmt.where(
        M.status == MissionStatus.PUBLISHED,
        M.hidden.is_(False),
        M.category == filters.category,
    )
    if filters.organisation_id is not None:
        stmt = stmt.where(M.organisation_id == filters.organisation_id)
    if filters.theme:
        stmt = stmt.where(M.theme == filters.theme)
    if filters.district:
        stmt = stmt.where(M.district == filters.district)
    if filters.kinds:
        stmt = stmt.where(M.kind.in_(filters.kinds))
    if filters.event_type is not None:
        stmt = stmt.where(M.event_type == filters.event_type)
    # Finished missions leave the catalogue; a date range keeps those overlapping it.
    moment = now or utcnow()
    start = _local_midnight_utc(filters.date_from) if filters.date_from else None
    stmt = stmt.where(M.ends_at >= max(start or moment, moment))
    if filters.date_to:
        stmt = stmt.where(M.starts_at < _local_midnight_utc(filters.date_to + timedelta(days=1)))
    if filters.places_left:
        stmt = stmt.where(M.taken_total < M.capacity_total)
    rank = None
    if filters.q:
        stmt, rank = backend_for(db).apply(stmt, filters.q)
    return stmt, rank


def count_missions(db: Session, filters: MissionFilters, now: datetime | None = None) -> int:
    stmt, _rank = _filtered(db, filters, (func.count(),), now, organisation=False)
    return int(db.scalar(stmt) or 0)


def search_missions(
    db: Session, filters: MissionFilters, page_size: int = 20, now: datetime | None = None
) -> SearchPage:
    stmt, rank = _filtered(db, filters, (*ROW_COLUMNS, func.count().over()), now)
    order = [rank] if rank is not None else []
    order += [M.starts_at, M.id]
    ordered = stmt.order_by(*order).limit(page_size)
    page = filters.page
    rows = db.execute(ordered.offset((page - 1) * page_size)).all()
    if rows:
        total = int(rows[0][-1])
    else:  # past the last page (or nothing found): count, and show the last page
        total = count_missions(db, filters, now)
        last = max(1, -(-total // page_size))
        if total and page > last:
            page = last
            rows = db.execute(ordered.offset((page - 1) * page_size)).all()
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
    columns = (M.public_id, M.title, M.theme, M.latitude, M.longitude, M.capacity_total - M.taken_total)
    stmt, _rank = _filtered(db, filters, columns, now, organisation=False)
    stmt = stmt.where(M.latitude.is_not(None), M.longitude.is_not(None))
    return [Pin(*row) for row in db.execute(stmt.order_by(M.id).limit(limit))]


def open_count(db: Session, now: datetime | None = None) -> int:
    """How many missions are open now (the home page's panel)."""
    return count_missions(db, MissionFilters(), now)

"""Running a search: filters to SQL on ``volunteers_mission`` alone (plus its organisation's name).

The search never touches participations: places come from the counters the sign-up keeps on
the mission, so a page is two indexed queries (a count and one page of rows) whatever the
number of sign-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Select, func, select
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
    Mission.public_id,
    Mission.title,
    Mission.theme,
    Mission.kind,
    Mission.category,
    Mission.event_type,
    Mission.district,
    Mission.place_name,
    Mission.latitude,
    Mission.longitude,
    Mission.starts_at,
    Mission.ends_at,
    Mission.slot_count,
    Mission.capacity_total,
    Mission.taken_total,
    Mission.min_age,
    Organisation.name,
    Organisation.slug,
)


def _local_midnight_utc(day) -> datetime:
    return datetime.combine(day, time(0), tzinfo=site_timezone()).astimezone(UTC)


def _filtered(db: Session, filters: MissionFilters, columns: tuple, now: datetime | None = None):
    """The filtered statement and its relevance order (None without keywords)."""
    stmt: Select = (  # type: ignore[type-arg]
        select(*columns)
        .select_from(Mission)
        .join(Organisation, Organisation.id == Mission.organisation_id)
        .where(
            Mission.status == MissionStatus.PUBLISHED,
            Mission.hidden.is_(False),
            Mission.category == filters.category,
        )
    )
    if filters.organisation_id is not None:
        stmt = stmt.where(Mission.organisation_id == filters.organisation_id)
    if filters.theme:
        stmt = stmt.where(Mission.theme == filters.theme)
    if filters.district:
        stmt = stmt.where(Mission.district == filters.district)
    if filters.kinds:
        stmt = stmt.where(Mission.kind.in_(filters.kinds))
    if filters.event_type is not None:
        stmt = stmt.where(Mission.event_type == filters.event_type)
    # Finished missions leave the catalogue; a date range keeps those overlapping it.
    start = _local_midnight_utc(filters.date_from) if filters.date_from else None
    stmt = stmt.where(Mission.ends_at >= max(start or (now or utcnow()), now or utcnow()))
    if filters.date_to:
        stmt = stmt.where(Mission.starts_at < _local_midnight_utc(filters.date_to + timedelta(days=1)))
    if filters.places_left:
        stmt = stmt.where(Mission.taken_total < Mission.capacity_total)
    rank = None
    if filters.q:
        stmt, rank = backend_for(db).apply(stmt, filters.q)
    return stmt, rank


def search_missions(
    db: Session, filters: MissionFilters, page_size: int = 20, now: datetime | None = None
) -> SearchPage:
    stmt, rank = _filtered(db, filters, ROW_COLUMNS, now)
    total = db.scalar(stmt.with_only_columns(func.count()).order_by(None)) or 0
    pages = max(1, -(-total // page_size))
    page = min(filters.page, pages)
    order = [rank] if rank is not None else []
    order += [Mission.starts_at, Mission.id]
    rows = db.execute(stmt.order_by(*order).limit(page_size).offset((page - 1) * page_size)).all()
    return SearchPage([MissionRow(*row) for row in rows], int(total), page, page_size)


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
    columns = (
        Mission.public_id,
        Mission.title,
        Mission.theme,
        Mission.latitude,
        Mission.longitude,
        Mission.capacity_total - Mission.taken_total,
    )
    stmt, _rank = _filtered(db, filters, columns, now)
    stmt = stmt.where(Mission.latitude.is_not(None), Mission.longitude.is_not(None))
    return [Pin(*row) for row in db.execute(stmt.order_by(Mission.id).limit(limit))]


def open_count(db: Session, now: datetime | None = None) -> int:
    """How many missions are open now (the home page's panel)."""
    stmt, _rank = _filtered(db, MissionFilters(), (func.count(),), now)
    return int(db.scalar(stmt) or 0)

"""Schedules: the dated slots of a mission, generated without duplicates.

Times are chosen in the site's time zone and stored in UTC, so a weekly Saturday 10:00 session
stays at 10:00 across daylight-saving changes. Applying a schedule to an existing mission adds
the missing dates, removes the dates no one signed up for, and keeps (and reports) removed
dates that already have volunteers, so an edit never drops someone's place silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from parvis.api import rows_affected, site_timezone
from parvis.plugins.volunteers.models import Mission, Participation, ParticipationStatus, Slot

MAX_SLOTS = 400  # about a year of twice-weekly sessions


@dataclass(frozen=True, slots=True)
class Occurrence:
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC


def one_off(starts_at: datetime, ends_at: datetime) -> list[Occurrence]:
    return [Occurrence(starts_at.astimezone(UTC), ends_at.astimezone(UTC))]


def weekly(first_start: datetime, first_end: datetime, weekdays: set[int], until: date) -> list[Occurrence]:
    """Sessions on the given weekdays (0 = Monday) from the first one until ``until`` included,
    at the first session's local time and duration; at most MAX_SLOTS, each date once."""
    zone = site_timezone()
    start_local = first_start.astimezone(zone)
    duration = first_end - first_start
    days = set(weekdays) or {start_local.weekday()}
    found: dict[datetime, Occurrence] = {}
    day = start_local.date()
    while day <= until and len(found) < MAX_SLOTS:
        if day.weekday() in days:
            local = datetime.combine(day, start_local.timetz().replace(tzinfo=None), tzinfo=zone)
            begins = local.astimezone(UTC)
            found.setdefault(begins, Occurrence(begins, (local + duration).astimezone(UTC)))
        day += timedelta(days=1)
    return sorted(found.values(), key=lambda o: o.starts_at)


@dataclass(slots=True)
class ScheduleReport:
    added: int = 0
    removed: int = 0
    kept_with_volunteers: list[datetime] = field(default_factory=list)
    capacity_kept: list[datetime] = field(default_factory=list)  # could not go below the places taken
    grown: list[int] = field(default_factory=list)  # slot ids with new places (to fill from the waiting list)


def apply_schedule(
    db: Session, mission: Mission, occurrences: list[Occurrence], capacity: int
) -> ScheduleReport:
    """Make the mission's slots match ``occurrences``; keep the mission's totals and dates in step.

    Totals change by deltas (never recomputed from the slots), so concurrent sign-ups, which
    increment them, are never lost.
    """
    report = ScheduleReport()
    wanted = {o.starts_at: o for o in occurrences}
    existing = {s.starts_at: s for s in db.scalars(select(Slot).where(Slot.mission_id == mission.id))}
    capacity_delta = 0
    for begins, occurrence in wanted.items():
        slot = existing.get(begins)
        if slot is None:
            db.add(
                Slot(mission_id=mission.id, starts_at=begins, ends_at=occurrence.ends_at, capacity=capacity)
            )
            capacity_delta += capacity
            report.added += 1
            continue
        slot.ends_at = occurrence.ends_at
        if capacity != slot.capacity:
            changed = rows_affected(
                db.execute(
                    update(Slot)
                    .where(Slot.id == slot.id, Slot.taken <= capacity)
                    .values(capacity=capacity)
                    .execution_options(synchronize_session=False)
                )
            )
            if changed:
                capacity_delta += capacity - slot.capacity
                if capacity > slot.capacity:
                    report.grown.append(slot.id)
            else:
                report.capacity_kept.append(begins)
    active = exists().where(
        Participation.slot_id == Slot.id,
        Participation.status.in_([ParticipationStatus.CONFIRMED, ParticipationStatus.WAITLISTED]),
    )
    for begins, slot in existing.items():
        if begins in wanted:
            continue
        gone = rows_affected(
            db.execute(
                delete(Slot).where(Slot.id == slot.id, ~active).execution_options(synchronize_session=False)
            )
        )
        if gone:
            capacity_delta -= slot.capacity
            report.removed += 1
            db.expunge(slot)
        else:
            report.kept_with_volunteers.append(begins)
    db.flush()
    if capacity_delta:
        db.execute(
            update(Mission)
            .where(Mission.id == mission.id)
            .values(capacity_total=Mission.capacity_total + capacity_delta)
            .execution_options(synchronize_session=False)
        )
    refresh_dates(db, mission)
    return report


def refresh_dates(db: Session, mission: Mission) -> None:
    """The mission's first start, last end and number of slots, from its slots."""
    first, last, count = db.execute(
        select(func.min(Slot.starts_at), func.max(Slot.ends_at), func.count(Slot.id)).where(
            Slot.mission_id == mission.id
        )
    ).one()
    db.execute(
        update(Mission)
        .where(Mission.id == mission.id)
        .values(starts_at=first, ends_at=last, slot_count=count)
        .execution_options(synchronize_session=False)
    )
    db.refresh(mission)

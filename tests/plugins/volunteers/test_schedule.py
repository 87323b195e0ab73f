"""Schedules: weekly slots without duplicates, in local time, and safe edits."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from parvis.formatting import local
from parvis.plugins.volunteers import catalogue, signup
from parvis.plugins.volunteers.catalogue import MissionInput
from parvis.plugins.volunteers.models import Mission, MissionKind, Participation, ParticipationStatus, Slot
from parvis.plugins.volunteers.schedule import MAX_SLOTS, weekly


def test_weekly_keeps_local_time_across_daylight_saving():
    first = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)  # Saturday 10:00 in Paris (winter time)
    slots = weekly(first, first + timedelta(hours=2), set(), date(2026, 4, 4))
    assert [local(s.starts_at).strftime("%a %H:%M") for s in slots] == ["Sat 10:00"] * 4
    assert slots[2].starts_at.hour == 9
    assert slots[3].starts_at.hour == 8


def test_weekly_several_days_no_duplicates_and_a_limit():
    first = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)  # a Monday
    slots = weekly(first, first + timedelta(hours=1), {0, 3}, date(2026, 1, 18))
    assert len(slots) == 4
    assert len({s.starts_at for s in slots}) == 4
    assert len(weekly(first, first + timedelta(hours=1), set(range(7)), date(2030, 1, 1))) == MAX_SLOTS


def mission_input(mission, occurrences, capacity):
    return MissionInput(
        title=mission.title,
        description=mission.description,
        theme=mission.theme,
        kind=mission.kind,
        capacity=capacity,
        occurrences=occurrences,
        district=mission.district,
    )


def test_editing_a_schedule_keeps_dates_with_volunteers(db, site, make_mission, make_account):
    mission = make_mission(kind=MissionKind.RECURRING, weeks=3, capacity=2)
    slots = mission.slots
    assert len(slots) == 4
    assert mission.capacity_total == 8
    assert mission.slot_count == 4
    signup.join(db, site, slots[1].id, make_account())
    db.commit()
    first = slots[0].starts_at
    shorter = weekly(first, slots[0].ends_at, set(), local(first).date())  # only the first date
    report = catalogue.update_mission(db, site, mission, mission_input(mission, shorter, 3))
    db.commit()
    assert report.removed == 2
    assert report.kept_with_volunteers == [slots[1].starts_at]
    mission = db.get(Mission, mission.id, populate_existing=True)
    assert mission.slot_count == 2
    assert mission.capacity_total == 3 + 2
    assert mission.taken_total == 1


def test_more_places_promote_the_waiting_list(db, site, make_mission, make_account):
    mission = make_mission(capacity=1)
    slot = mission.slots[0]
    signup.join(db, site, slot.id, make_account())
    waiting = [signup.join(db, site, slot.id, make_account()).participation.id for _ in range(3)]
    db.commit()
    occurrences = [type("O", (), {"starts_at": slot.starts_at, "ends_at": slot.ends_at})()]
    catalogue.update_mission(db, site, mission, mission_input(mission, occurrences, 3))
    db.commit()
    db.expire_all()
    statuses = [db.get(Participation, pid).status for pid in waiting]
    assert statuses == [
        ParticipationStatus.CONFIRMED,
        ParticipationStatus.CONFIRMED,
        ParticipationStatus.WAITLISTED,
    ]
    assert db.get(Slot, slot.id).taken == 3


def test_fewer_places_than_taken_is_refused_per_date(db, site, make_mission, make_account):
    mission = make_mission(capacity=3)
    slot = mission.slots[0]
    for _ in range(2):
        signup.join(db, site, slot.id, make_account())
    db.commit()
    occurrences = [type("O", (), {"starts_at": slot.starts_at, "ends_at": slot.ends_at})()]
    report = catalogue.update_mission(db, site, mission, mission_input(mission, occurrences, 1))
    db.commit()
    assert report.capacity_kept == [slot.starts_at]
    assert db.scalar(select(Slot.capacity).where(Slot.id == slot.id)) == 3

"""Capacity is a database guarantee: concurrent sign-ups in separate sessions and threads.

Runs on SQLite here and on PostgreSQL when $PARVIS_TEST_DATABASE_URL is set.
"""

from collections import Counter

from sqlalchemy import func, select

from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import Mission, Participation, ParticipationStatus, Slot
from parvis.testing import run_concurrently

PLACES = 8


def run_all(site, jobs):
    results, errors = run_concurrently(site, jobs)
    assert not errors, errors
    return results


def check_invariants(db, slot_id, mission_id):
    db.expire_all()
    slot = db.get(Slot, slot_id)
    counts = Counter(db.scalars(select(Participation.status).where(Participation.slot_id == slot_id)))
    assert slot.taken == counts[ParticipationStatus.CONFIRMED] <= slot.capacity
    if counts[ParticipationStatus.WAITLISTED]:
        assert slot.taken == slot.capacity
    assert db.get(Mission, mission_id).taken_total == slot.taken
    return counts


def test_5n_concurrent_sign_ups_for_n_places(db, site, make_mission, make_account):
    mission = make_mission(capacity=PLACES)
    slot_id = mission.slots[0].id
    accounts = [make_account() for _ in range(5 * PLACES)]

    def job_for(account):
        def job(session):
            from parvis.identity import Account

            joined = signup.join(session, site, slot_id, session.get(Account, account.id))
            return joined.participation.status.value

        return job

    results = run_all(site, [job_for(a) for a in accounts])
    assert Counter(results) == {"confirmed": PLACES, "waitlisted": 4 * PLACES}
    counts = check_invariants(db, slot_id, mission.id)
    assert counts[ParticipationStatus.CONFIRMED] == PLACES
    # The waiting list is in arrival order: positions 1..4N without gaps.
    waiting = db.scalars(
        select(Participation).where(
            Participation.slot_id == slot_id, Participation.status == ParticipationStatus.WAITLISTED
        )
    ).all()
    assert sorted(signup.waiting_position(db, p) for p in waiting) == list(range(1, 4 * PLACES + 1))


def test_concurrent_cancellations_and_sign_ups_keep_the_counts(db, site, make_mission, make_account):
    mission = make_mission(capacity=PLACES)
    slot_id = mission.slots[0].id
    first = [signup.join(db, site, slot_id, make_account()).participation.id for _ in range(PLACES + 4)]
    db.commit()
    newcomers = [make_account() for _ in range(2 * PLACES)]

    def cancel(participation_id):
        return lambda session: str(signup.cancel(session, site, participation_id) is not None)

    def join(account):
        def job(session):
            from parvis.identity import Account

            return signup.join(
                session, site, slot_id, session.get(Account, account.id)
            ).participation.status.value

        return job

    jobs = [cancel(pid) for pid in first[: PLACES // 2]] + [join(a) for a in newcomers]
    run_all(site, jobs)
    counts = check_invariants(db, slot_id, mission.id)
    assert counts[ParticipationStatus.CANCELLED] == PLACES // 2
    assert db.scalar(select(func.count()).select_from(Participation)) == PLACES + 4 + 2 * PLACES

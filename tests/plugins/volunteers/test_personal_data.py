"""The volunteers' personal data through core's hooks: erasing a volunteer gives their places to
come to the waiting list and keeps their past places counted; the daily purge takes the volunteer
off participations after ``participations_kept_months``, the places taken staying consistent."""

from datetime import timedelta

from sqlalchemy import func, select

from parvis import privacy
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import Participation, ParticipationStatus, Slot


def consistent(db) -> bool:
    """Every slot's places taken are its confirmed participations."""
    db.rollback()  # a fresh transaction sees what another one committed
    return all(
        slot.taken
        == db.scalar(
            select(func.count()).where(
                Participation.slot_id == slot.id, Participation.status == ParticipationStatus.CONFIRMED
            )
        )
        for slot in db.scalars(select(Slot))
    )


def test_the_purge_takes_the_volunteer_off_old_participations(db, site, make_mission, make_account, clock):
    old = make_mission("Maraude", starts_in=timedelta(hours=1), capacity=2)
    recent = make_mission("Collecte", starts_in=timedelta(days=400), capacity=2)
    volunteer, other = make_account(), make_account()
    old_slot, recent_slot = old.slots[0], recent.slots[0]
    signup.join(db, site, old_slot.id, volunteer)
    cancelled = signup.join(db, site, old_slot.id, other).participation
    signup.cancel(db, site, cancelled.id)
    signup.join(db, site, recent_slot.id, volunteer)
    db.commit()
    clock.advance(timedelta(days=30 * 24 + 20))  # the old mission is more than 24 months past
    counts = privacy.purge_expired(site)
    assert counts["volunteers.participations"] == 2  # one anonymised, one cancelled deleted
    rows = db.scalars(select(Participation).order_by(Participation.id)).all()
    assert [(p.slot_id, p.account_id) for p in rows] == [(old_slot.id, None), (recent_slot.id, volunteer.id)]
    assert consistent(db)
    assert privacy.purge_expired(site)["volunteers.participations"] == 0


def test_erasing_a_volunteer_frees_places_to_come_and_keeps_past_ones(
    db, site, make_mission, make_account, clock
):
    past = make_mission("Maraude", starts_in=timedelta(hours=1), capacity=1)
    coming = make_mission("Collecte", starts_in=timedelta(days=10), capacity=1)
    volunteer, waiting = make_account(), make_account()
    signup.join(db, site, past.slots[0].id, volunteer)
    signup.join(db, site, coming.slots[0].id, volunteer)
    queued = signup.join(db, site, coming.slots[0].id, waiting).participation
    db.commit()
    clock.advance(timedelta(hours=4))
    kept = privacy.erase(db, site, volunteer).kept
    db.commit()
    assert [k.what for k in kept] == ["Your past participations in missions, without your name"]
    assert consistent(db)
    assert db.get(Participation, queued.id).status == ParticipationStatus.CONFIRMED
    assert db.get(Slot, past.slots[0].id).taken == 1
    assert db.scalar(select(func.count()).where(Participation.account_id.is_(None))) == 1

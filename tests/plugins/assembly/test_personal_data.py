"""The Assembly's personal data through core's hooks: a member's export and erasure (the seat is
refilled from the reserve), and the daily purge that deletes the answers of people not drawn once
the draw is published, then the reserve's after ``reserve_days``, without an official clicking."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from parvis import privacy
from parvis.plugins.assembly.models import AssemblyResponse
from parvis.plugins.assembly.services import draws, seats
from parvis.plugins.assembly.services.common import AssemblyError, college
from parvis.plugins.assembly.settings import ROLL


@pytest.fixture
def drawn(db, site, promotion, official, answered):
    answered(count=150, answers=120)
    a = college(promotion.body, ROLL)
    draw = draws.prepare(
        db, site, promotion, a, actor=official, scheduled_at=datetime(2030, 7, 1, tzinfo=UTC)
    )
    draws.run(db, site, draw, ["x"], actor=official)
    db.commit()
    return draw


def answers_left(db) -> set[str]:
    db.rollback()  # a fresh transaction sees what the purge committed
    return set(db.scalars(select(AssemblyResponse.pool_id)))


@pytest.mark.hooks("purge_personal_data")
def test_the_daily_purge_follows_the_draw_then_the_reserve(db, site, promotion, drawn, clock):
    record = draws.record_of(drawn)
    assert privacy.purge_expired(site)["assembly.answers"] == 0  # not published yet: nothing is due
    draws.publish(db, site, drawn)
    db.commit()
    assert privacy.purge_expired(site)["assembly.answers"] == 120 - len(record.reserve)
    assert answers_left(db) == set(record.reserve)
    clock.advance(timedelta(days=121))  # reserve_days (120) have passed
    assert privacy.purge_expired(site)["assembly.answers"] == len(record.reserve)
    assert answers_left(db) == set()
    assert privacy.purge_expired(site)["assembly.answers"] == 0
    assert len(seats.seats_of(db, promotion, college(promotion.body, ROLL))) == 20  # the members stay


def _refillable(db, site, candidates):
    """A seat the reserve can refill within the quotas (which ones can depends on the random
    panel: someone whose groups are all at their minimum may have no one in the reserve to
    replace them, and the seat then rightly stays empty)."""
    for seat in candidates:
        trial = db.begin_nested()
        try:
            seats.decline(db, site, seat)
            seats.replace(db, site, seat)
            return seat
        except AssemblyError:
            continue
        finally:
            trial.rollback()
            db.expire_all()
    pytest.fail("no seat of this panel can be refilled from the reserve")


def test_a_drawn_member_without_an_account_is_exported_and_erased_and_the_seat_refilled(
    db, site, promotion, drawn
):
    seat = _refillable(db, site, seats.seats_of(db, promotion, college(promotion.body, ROLL)))
    person = seat.membership.person
    found = privacy.export(db, site, None, person)
    sections = {s.code: s for s in found.sections}
    assert sections["assembly.seats"].rows[0]["pool_id"] == seat.pool_id
    answers = sections["assembly.answers"].rows[0]
    assert answers["family_name"] == person.family_name and answers["address"]
    kept = privacy.erase(db, site, None, person).kept
    db.commit()
    assert any("seat" in k.what for k in kept)
    db.refresh(seat)
    assert seat.vacated_at is not None
    assert db.scalar(select(func.count()).where(AssemblyResponse.pool_id == seat.pool_id)) == 0
    replacement = seats.replace(db, site, seat)  # the reserve fills the seat, as for any vacancy
    assert replacement.pool_id in draws.record_of(drawn).reserve

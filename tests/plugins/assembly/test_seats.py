"""Seats: accept with the letter's code and an account, decline, leave, refill from the reserve."""

from datetime import UTC, datetime

import pytest

from parvis import sortition
from parvis.bodies.models import MembershipStatus
from parvis.plugins.assembly.services import draws, seats
from parvis.plugins.assembly.services.common import AssemblyError, college
from parvis.plugins.assembly.settings import ROLL


@pytest.fixture
def drawn(db, site, promotion, official, answered):
    made = answered(count=150, answers=120)
    draw = draws.prepare(
        db,
        site,
        promotion,
        college(promotion.body, ROLL),
        actor=official,
        scheduled_at=datetime(2030, 7, 1, tzinfo=UTC),
    )
    draws.run(db, site, draw, ["x"], actor=official)
    db.commit()
    return made, draw


def _code_of(made, seat):
    return next(
        letter.code
        for letter in made
        if letter.invitee.response and letter.invitee.response.pool_id == seat.pool_id
    )


def test_accepting_with_the_code_moves_the_seat_to_the_account(db, site, promotion, drawn, make_account):
    made, _draw = drawn
    seat = seats.seats_of(db, promotion)[0]
    drawn_person = seat.membership.person
    account = make_account(given_name="Ada", family_name="Account")
    found = seats.seat_for_code(db, _code_of(made, seat))
    assert found.id == seat.id
    seats.accept(db, site, found, account)
    db.commit()
    assert seat.membership.status == MembershipStatus.ACTIVE
    assert seat.membership.person_id == account.person_id
    assert account.person.family_name == drawn_person.family_name  # the roll's legal name
    assert account.person.resident
    with pytest.raises(AssemblyError, match="no longer waiting"):
        seats.accept(db, site, found, account)


def test_a_code_without_a_seat_is_refused(db, site, drawn):
    made, draw = drawn
    selected = set(draws.record_of(draw).panel)
    loser = next(
        letter
        for letter in made
        if letter.invitee.response and letter.invitee.response.pool_id not in selected
    )
    with pytest.raises(AssemblyError, match="No seat"):
        seats.seat_for_code(db, loser.code)
    with pytest.raises(AssemblyError, match="No seat"):
        seats.seat_for_code(db, "not a code")


def test_a_declined_seat_is_refilled_keeping_every_quota(db, site, promotion, drawn):
    _made, draw = drawn
    record, pool = draws.record_of(draw), draws.pool_of(draw)
    # The pool's ids are random codes, so the panel differs from run to run: decline seats whose
    # departure the reserve can make up (the test of an empty reserve is below).
    leaving: list[str] = []
    found = []
    for seat in seats.seats_of(db, promotion):
        if len(found) == 3:
            break
        if sortition.replacements(record, pool, [*leaving, seat.pool_id]).get(seat.pool_id):
            leaving.append(seat.pool_id)
            found.append(seat)
    assert len(found) == 3
    for seat in found:
        seats.decline(db, site, seat)
        new = seats.replace(db, site, seat)
        assert new.replaces_id == seat.id
        assert new.pool_id in draws.record_of(draw).reserve
        assert new.membership.status == MembershipStatus.INVITED
        assert seats.replace(db, site, seat).id == new.id  # asking again gives the same person
    db.commit()
    sitting = [s for s in seats.seats_of(db, promotion) if s.vacated_at is None]
    assert len(sitting) == 20
    pool = draws.pool_of(draw)
    values = [dict(zip(pool.columns, pool.rows[pool.ids.index(s.pool_id)], strict=True)) for s in sitting]
    for feature, value, low, high in draw.quotas["quotas"]:
        assert low <= sum(1 for v in values if v[feature] == value) <= high


def test_a_member_who_leaves_can_be_replaced(db, site, promotion, drawn):
    _made, draw = drawn
    record, pool = draws.record_of(draw), draws.pool_of(draw)
    seat = next(  # one whose departure the reserve can make up (the panel differs between runs)
        s
        for s in seats.seats_of(db, promotion)
        if sortition.replacements(record, pool, [s.pool_id]).get(s.pool_id)
    )
    with pytest.raises(AssemblyError, match="Only an active member"):
        seats.leave(db, site, seat, site.today())
    with pytest.raises(AssemblyError, match="not vacant"):
        seats.replace(db, site, seat)
    seats.accept(db, site, seat)
    seats.leave(db, site, seat, site.today())
    assert seat.membership.status == MembershipStatus.LEFT
    assert seats.replace(db, site, seat).replaces_id == seat.id

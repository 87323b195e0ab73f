"""Replacement draws: vacant seats of the stratified panel refilled fairly, verifiably, in the register."""

from datetime import UTC, datetime

import msgspec
import pytest

from parvis import sortition
from parvis.api.sortition import InfeasibleQuotas, register_entry
from parvis.bodies.models import MembershipStatus
from parvis.draws.models import DrawEntry
from parvis.plugins.assembly.models import AssemblySeat
from parvis.plugins.assembly.services import draws, register, seats
from parvis.plugins.assembly.services.common import AssemblyError, college
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import login

LOTTERY = "2030-09-01 EuroMillions 1 2 3 4 5 * 6 7"


@pytest.fixture
def drawn(db, site, promotion, official, answered):
    # A pool large enough that two replacements always find people in every quota's groups
    # (with 120 answers, 40 left after the draw, a group could be empty left: infeasible).
    answered(count=200, answers=170)
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
    return draw


def _declined(db, site, promotion, count):
    """Decline ``count`` seats that the people left in the pool can refill within every quota.

    Which ones can depends on the panel drawn (pool ids are random): the seat of someone whose
    groups are all at their minimum and have nobody left cannot be refilled ("the seat stays
    empty"), so such seats are skipped here."""
    drawn_seats = seats.seats_of(db, promotion)
    draw = drawn_seats[0].draw
    panel_ids = [seat.pool_id for seat in drawn_seats]
    for start in range(len(drawn_seats) - count + 1):
        found = drawn_seats[start : start + count]
        leaving = {seat.pool_id for seat in found}
        try:
            sortition.replacement_draw(
                draws.record_of(draw),
                draws.pool_of(draw),
                ["probe"],
                sitting=[pid for pid in panel_ids if pid not in leaving],
                excluded=panel_ids,
            )
        except InfeasibleQuotas:
            continue
        break
    else:
        pytest.fail("no seats of this panel can be refilled: make the pool larger")
    for seat in found:
        seats.decline(db, site, seat)
    db.commit()
    return found


def test_vacant_seats_are_refilled_by_a_verifiable_draw_linked_to_the_original(db, site, promotion, drawn):
    assert register.uses_draw(site, drawn)  # the default setting
    vacant = _declined(db, site, promotion, 2)
    with pytest.raises(AssemblyError, match="Publish the draw"):
        seats.replace_by_draw(db, site, drawn, [LOTTERY])
    draws.publish(db, site, drawn)
    with pytest.raises(AssemblyError, match="public random inputs"):
        seats.replace_by_draw(db, site, drawn, ["  "])
    new = seats.replace_by_draw(db, site, drawn, [LOTTERY])
    db.commit()
    assert sorted(s.replaces_id for s in new) == sorted(s.id for s in vacant)
    assert {s.membership.status for s in new} == {MembershipStatus.INVITED}
    original = draws.record_of(drawn)
    assert not {s.pool_id for s in new} & set(original.panel)
    # The panel with its replacements keeps every quota.
    sitting = [s.pool_id for s in seats.seats_of(db, promotion) if s.vacated_at is None]
    assert len(sitting) == drawn.seats
    pool = draws.pool_of(drawn)
    values = {
        pid: dict(zip(pool.columns, row, strict=True)) for pid, row in zip(pool.ids, pool.rows, strict=True)
    }
    for feature, value, low, high in drawn.quotas["quotas"]:
        assert low <= sum(1 for pid in sitting if values[pid][feature] == value) <= high
    # In the register, after the original draw it completes, and verifiable from the published pool.
    entry = db.query(DrawEntry).filter(DrawEntry.kind == "replacement").one()
    assert entry.follows_id == register_entry(db, register.subject_of(drawn)).id
    check = sortition.verify(msgspec.convert(entry.record, sortition.DrawRecord), pool=pool, recompute=False)
    assert check.ok, str(check)
    with pytest.raises(AssemblyError, match="not vacant"):
        seats.replace_by_draw(db, site, drawn, [LOTTERY])


def test_the_reserve_stays_available_as_a_setting(make_site, db, promotion):
    site = make_site(["assembly"], settings={"assembly": {"replacement": "reserve"}})
    assert site.settings("assembly").replacement == "reserve"
    with pytest.raises(Exception, match="replacement"):
        make_site(["assembly"], settings={"assembly": {"replacement": "first"}})


def test_an_official_draws_the_replacements_from_the_seats_page(
    client, db, site, promotion, drawn, make_account
):
    draws.publish(db, site, drawn)
    [seat] = _declined(db, site, promotion, 1)
    login(client, make_account("official", email="seats@example.org"))
    base = f"/en/admin/assembly/{promotion.public_id}/seats"
    page = client.get(base)
    assert "Public random inputs of the replacement draw" in page.text
    response = client.post(
        f"{base}/{seat.id}/replace", data={"public_inputs": LOTTERY}, follow_redirects=False
    )
    assert response.status_code == 303
    db.expire_all()
    assert db.query(AssemblySeat).filter(AssemblySeat.replaces_id == seat.id).count() == 1
    assert db.query(DrawEntry).filter(DrawEntry.kind == "replacement").count() == 1

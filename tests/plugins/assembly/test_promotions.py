"""Opening a promotion: the Assembly body, its colleges and groups."""

from datetime import date

import pytest

from parvis.bodies.models import FillMethod
from parvis.plugins.assembly.kinds import DELIBERATION, EXPLORATION, KIND, MONITORING
from parvis.plugins.assembly.services import common, groups, promotions
from parvis.plugins.assembly.services.common import AssemblyError


@pytest.mark.hooks("register_body_kinds", "register_settings")
def test_promotion_has_three_colleges_with_the_paris_seats_and_three_groups(db, site, official):
    promotion = promotions.open_promotion(
        db, site, official, label="2031-32", starts_on=date(2031, 10, 1), ends_on=date(2032, 6, 30)
    )
    body = promotion.body
    assert body.slug == "citizens-assembly"
    assert body.kind == KIND
    assert {c.code: (c.seats, c.fill_method) for c in body.colleges} == {
        "roll": (80, FillMethod.STRATIFIED_DRAW),
        "non_eu": (15, FillMethod.LOT),
        "young": (5, FillMethod.LOT),
    }
    found = groups.groups_of(db, promotion)
    assert set(found) == {DELIBERATION, EXPLORATION, MONITORING}
    assert found[MONITORING].open_to_all_members
    assert all(g.term_id == promotion.term_id for g in found.values())
    assert promotion.questionnaire_closes_on is not None


def test_seats_are_settings_and_form_values(db, site, official):
    promotion = promotions.open_promotion(
        db,
        site,
        official,
        label="2031-32",
        starts_on=date(2031, 10, 1),
        ends_on=date(2032, 6, 30),
        seats={"roll": 60},
    )
    seats = {c.code: c.seats for c in promotion.body.colleges}
    assert seats == {"roll": 60, "non_eu": 15, "young": 5}


def test_a_label_is_used_once_and_dates_are_checked(db, site, official):
    promotions.open_promotion(
        db, site, official, label="2031-32", starts_on=date(2031, 10, 1), ends_on=date(2032, 6, 30)
    )
    with pytest.raises(AssemblyError, match="already has a term"):
        promotions.open_promotion(
            db, site, official, label="2031-32", starts_on=date(2031, 10, 1), ends_on=date(2032, 6, 30)
        )
    with pytest.raises(AssemblyError, match="end date must be after"):
        promotions.open_promotion(
            db, site, official, label="bad", starts_on=date(2031, 10, 1), ends_on=date(2031, 1, 1)
        )


def test_current_promotion_prefers_the_running_one(db, site, make_promotion):
    later = make_promotion("2040-41", starts_in=400)
    running = make_promotion("2029-30", starts_in=-10)
    assert common.current_promotion(db, site).id == running.id
    assert later.id != running.id


def test_monitoring_space_is_shared_with_every_body_when_the_setting_says_so(db, site, promotion):
    from parvis.councils.shared import is_shared

    assert groups.share_monitoring_space(db, site, promotion)
    db.commit()
    assert is_shared(db, groups.groups_of(db, promotion)[MONITORING].id)

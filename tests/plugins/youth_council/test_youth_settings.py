"""A city's configuration sets the seats a new Youth Council starts with."""

import pytest

from parvis.plugins.youth_council.council import KIND


@pytest.mark.hooks("register_body_kinds")
def test_new_bodies_take_their_seats_from_the_configuration(make_site):
    site = make_site(
        ["youth_council"], settings={"youth_council": {"seats": 60, "women_seats": 30, "men_seats": 30}}
    )
    seats = {college.code: college.seats for college in site.body_kinds[KIND].colleges}
    assert seats == {"women": 30, "men": 30}
    paris = make_site(["youth_council"])
    assert {c.seats for c in paris.body_kinds[KIND].colleges} == {50}

"""Which seats are up for renewal: two-year mandates, half of each college drawn every year."""

from datetime import date

import pytest

from parvis.bodies import services
from parvis.identity import Gender, Person
from parvis.plugins.youth_council.renewal import carry_over, mandate_end, renewal


@pytest.fixture
def council(db, site):
    body = services.create_body(db, site, "youth_council", "Conseil parisien de la jeunesse")
    for year in (2024, 2025, 2026):
        services.add_term(db, body, f"{year}-{year + 1 - 2000}", date(year, 9, 1), date(year + 1, 8, 31))
    db.commit()
    return body


def seat(db, site, body, term, college, count, ends_on):
    for n in range(count):
        person = Person(given_name=f"P{n}", birth_date=date(2005, 1, 1), gender=Gender.WOMAN)
        services.add_member(
            db, site, body, term, person, college=college, starts_on=term.starts_on, ends_on=ends_on
        )


def test_the_kind_follows_the_paris_settings(council, site):
    assert [(c.code, c.seats) for c in council.colleges] == [("women", 50), ("men", 50)]
    settings = site.settings("youth_council")
    assert (settings.seats, settings.mandate_years, settings.renewal_percent) == (100, 2, 50)
    assert (settings.eligibility.min_age, settings.eligibility.max_age, settings.voeux_per_year) == (
        15,
        30,
        1,
    )


def test_the_first_year_every_seat_is_up_and_half_get_a_one_year_mandate(db, site, council):
    first = council.terms[0]
    plan = renewal(db, site.settings("youth_council"), council, first)
    assert [(p.college.code, p.up, p.short, p.full) for p in plan] == [
        ("women", 50, 25, 25),
        ("men", 50, 25, 25),
    ]


def test_then_half_of_each_college_comes_up_every_year(db, site, council):
    first, second, _third = council.terms
    women = council.colleges[0]
    seat(db, site, council, first, women, 25, first.ends_on)  # one-year mandates
    seat(db, site, council, first, women, 25, mandate_end(first.starts_on, 2))
    plan = {p.college.code: p for p in renewal(db, site.settings("youth_council"), council, second)}
    assert (len(plan["women"].continuing), plan["women"].up, plan["women"].short) == (25, 25, 0)
    carried = carry_over(db, site, council, second)
    assert len(carried) == 25
    assert {m.ends_on for m in carried} == {date(2026, 8, 31)}
    assert carry_over(db, site, council, second) == []  # once only
    plan = {p.college.code: p for p in renewal(db, site.settings("youth_council"), council, second)}
    assert (plan["women"].continuing, plan["women"].up) == ([], 25)


def test_departures_open_extra_seats_with_a_shortened_mandate(db, site, council):
    first, second, _third = council.terms
    women = council.colleges[0]
    seat(db, site, council, first, women, 20, mandate_end(first.starts_on, 2))  # 5 left early
    plan = {p.college.code: p for p in renewal(db, site.settings("youth_council"), council, second)}
    assert (plan["women"].up, plan["women"].short, plan["women"].full) == (30, 5, 25)


def test_mandate_end():
    assert mandate_end(date(2025, 9, 1), 2) == date(2027, 8, 31)
    assert mandate_end(date(2024, 2, 29), 1) == date(2025, 2, 28)

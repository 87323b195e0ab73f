"""The Youth Council: applying (ages, parity), the parity draw with half-yearly renewal, its page,
its vœu limit and its demo data."""

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from parvis.auth import load_actor
from parvis.bodies import services
from parvis.bodies.models import Membership
from parvis.councils import applications as apps
from parvis.councils import draws
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import ApplicationStatus
from parvis.demo import DemoContext, seed_core
from parvis.identity import Gender
from parvis.plugins.youth_council.demo import seed
from parvis.plugins.youth_council.plugin import COUNCIL
from parvis.plugins.youth_council.renewal import renewal, short_mandates
from parvis.testing import audit_entries, login

LOTTERY = "2027-06-12 Loto 3 14 27 33 41 * 6"


@pytest.fixture
def council(db, site, today):
    body = services.create_body(db, site, "youth_council", "Conseil parisien de la jeunesse")
    services.add_term(db, body, "first", today + timedelta(days=30), today + timedelta(days=394))
    db.commit()
    return body


@pytest.fixture
def today(site):
    return site.today()


@pytest.fixture
def call(db, council, today):
    found = apps.create_call(
        db, council, council.terms[0], title="Appel", opens_on=today - timedelta(days=5), closes_on=today
    )
    db.commit()
    return found


def young(make_account, today, gender=Gender.WOMAN, age=20):
    return make_account(birth_date=date(today.year - age, 1, 1), gender=gender).person


def test_applicants_must_be_15_to_30_and_a_woman_or_a_man(db, site, call, make_account, today):
    apps.apply(db, site, COUNCIL, call, young(make_account, today), today=today)
    for age in (14, 31):
        with pytest.raises(CouncilRefused):
            apps.apply(db, site, COUNCIL, call, young(make_account, today, age=age), today=today)
    with pytest.raises(CouncilRefused) as refused:
        apps.apply(db, site, COUNCIL, call, young(make_account, today, gender=Gender.OTHER), today=today)
    assert refused.value.details == [
        "The draw seats as many women as men: choose one of the two to take part in it."
    ]


def test_the_parity_draw_fills_each_college_and_starts_the_renewal_cycle(db, site, call, make_account, today):
    for number in range(70):
        gender = Gender.WOMAN if number < 40 else Gender.MAN
        apps.apply(db, site, COUNCIL, call, young(make_account, today, gender=gender), today=today)
    call.closes_on = today - timedelta(days=1)
    db.commit()
    official = make_account("official")
    seated = draws.run_draw(db, site, COUNCIL, call, public_inputs=[LOTTERY], actor=load_actor(db, official))
    by_college = {}
    for m in seated:
        by_college.setdefault(m.college.code, []).append(m)
    # 40 women applied for 50 seats, 30 men: everyone is drawn, the seats left stay free.
    assert {code: len(ms) for code, ms in by_college.items()} == {"women": 40, "men": 30}
    term = call.term
    for members in by_college.values():
        short = [m for m in members if m.ends_on == term.ends_on]
        # 50 seats up, 25 renewed each year: 25 get a one-year mandate (as many as were drawn).
        assert len(short) == min(25, len(members))
        full = [m for m in members if m.ends_on != term.ends_on]
        assert {m.ends_on for m in full} <= {
            term.starts_on.replace(year=term.starts_on.year + 2) - timedelta(days=1)
        }
    record = draws.record_of(call)
    assert record.spec == {
        "column": "gender",
        "kind": "groups",
        "reserve": 0,
        "seats": {"men": 30, "women": 40},
    }
    assert draws.verification(call).ok


def test_short_mandates_come_from_the_seed():
    assert short_mandates("00" * 32, "women", 5, 2) == short_mandates("00" * 32, "women", 5, 2)
    assert len(set(short_mandates("ab" * 32, "men", 30, 25))) == 25
    assert short_mandates("ab" * 32, "men", 3, 25) != []


def test_the_presentation_page_shows_the_seats_drawn(client, call, today):
    page = client.get("/en/youth-council")
    assert page.status_code == 200
    assert "Paris Youth Council" in page.text
    assert "Seats up for renewal in the term first" in page.text
    assert "/en/bodies/conseil-parisien-de-la-jeunesse/apply" in page.text
    assert "Conseil parisien de la jeunesse" in client.get("/fr/youth-council").text


def test_the_page_without_a_body(client):
    assert "not set up" in client.get("/en/youth-council").text


def test_demo_data(db, site):
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today())
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    body = services.body_by_slug(db, "conseil-parisien-de-la-jeunesse")
    previous, current, upcoming = body.terms
    assert services.seat_counts(db, body, current) == {c.id: 50 for c in body.colleges}
    assert db.scalar(select(func.count()).where(Membership.term_id == previous.id)) == 50
    call = apps.current_call(db, body, site.today())
    assert call.term_id == upcoming.id
    assert {a.status for a in apps.applications(db, call)} == {ApplicationStatus.SUBMITTED}
    plan = renewal(db, COUNCIL.settings(site), body, upcoming)
    assert [(p.up, len(p.continuing)) for p in plan] == [(25, 25), (25, 25)]
    seed(db, demo)  # a second run adds nothing


def test_the_draw_from_the_back_office_is_in_the_audit_log(
    client, db, site, council, call, make_account, today
):
    for gender in (Gender.WOMAN, Gender.MAN):
        apps.apply(db, site, COUNCIL, call, young(make_account, today, gender=gender), today=today)
    call.closes_on = today - timedelta(days=1)
    db.commit()
    login(client, make_account("official"))
    client.post(
        f"/en/admin/bodies/{council.slug}/calls/{call.public_id}/draw", data={"public_inputs": LOTTERY}
    )
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_id, entry.details) == (
        "councils.draw.run",
        call.public_id,
        {"body": council.slug},
    )

"""The Citizens' Assembly in a real browser: a resident answers the questionnaire with a code; an
official announces, runs, verifies and publishes the draw; a member sees their meetings and pay."""

from __future__ import annotations

import random
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from parvis.auth import load_actor
from parvis.bodies import services as bodies
from parvis.bodies.models import AttendanceStatus, MembershipStatus
from parvis.plugins.assembly.services import common, imports, letters, promotions, questionnaire
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import TEST_PASSWORD

PRIVATE = Path(tempfile.gettempdir()) / "parvis-assembly-e2e"


@pytest.fixture
def site(make_site):
    """Every plugin, with uploaded lists kept in a temporary folder; active for the test."""
    with make_site(None, settings={"assembly": {"private_dir": str(PRIVATE)}}).activate() as active:
        yield active


@pytest.fixture
def official(db, make_account):
    return make_account("official", email="official@example.org")


@pytest.fixture
def promotion(db, site, official):
    today = site.today()
    made = promotions.open_promotion(
        db,
        site,
        load_actor(db, official),
        label="2030-31",
        starts_on=today - timedelta(days=40),
        ends_on=today + timedelta(days=250),
        seats={ROLL: 20},
    )
    db.commit()
    return made


def write_roll(path: Path, rows: int) -> Path:
    rng = random.Random(1)
    lines = ["id,family_name,given_name,birth_date,address,postcode,city"]
    for number in range(rows):
        arrondissement = rng.randint(1, 20)
        postcode = f"75{1 if arrondissement == 16 else 0}{arrondissement:02d}"
        lines.append(
            f"E{number:07d},Martin,Léa,{rng.randint(1940, 2005)}-05-17,{number} rue Exemple,{postcode},Paris"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def answers(site, rng: random.Random) -> questionnaire.Answers:
    settings = common.settings_of(site)
    hood = rng.choice(site.config.neighbourhoods)
    return questionnaire.Answers(
        resident=True,
        gender=rng.choices([g.code for g in settings.genders], [g.share for g in settings.genders])[0],
        district=hood.district,
        availability="yes",
        consent=True,
        age_band=rng.choices([b.code for b in settings.age_bands], [b.share for b in settings.age_bands])[0],
        education=rng.choices(
            [e.code for e in settings.education_levels], [e.share for e in settings.education_levels]
        )[0],
        neighbourhood=hood.code,
    )


def _letters(db, site, promotion, official, tmp_path, count=150):
    college = common.college(promotion.body, ROLL)
    actor = load_actor(db, official)
    imports.import_list(
        db, site, promotion, college, write_roll(tmp_path / "roll.csv", 400), filename="roll.csv", actor=actor
    )
    imports.run_predraw(db, site, promotion, college, ["2030-05-02 Loto 1 2 3"], actor=actor, count=count)
    made = letters.issue(db, site, promotion, college, actor=actor)
    db.commit()
    return made


def _sign_in(page, email, password=TEST_PASSWORD):
    page.goto("/en/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_resident_answers_the_questionnaire_with_a_code(
    page, a11y, db, site, promotion, official, tmp_path
):
    made = _letters(db, site, promotion, official, tmp_path, count=5)
    page.goto("/en/assembly/questionnaire")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaire of the Citizens' Assembly")
    a11y(page)
    page.get_by_label("Your personal code").fill("WRONG-CODE")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_contain_text("not valid")
    a11y(page)
    page.get_by_label("Your personal code").fill(made[0].code.lower())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Purpose:")).to_be_visible()
    a11y(page)
    page.get_by_role("group", name="Do you live in Paris?").get_by_label("Yes").check()
    page.get_by_label("25 to 34").check()
    page.get_by_label("Woman").check()
    page.get_by_label("Two years of higher education").check()
    page.get_by_label("Your arrondissement").select_option("18")
    page.get_by_label("Your neighbourhood").select_option("goutte-dor")
    page.get_by_role("group", name=re.compile("Could you take part")).get_by_label("Yes").check()
    page.get_by_label("I agree that my answers are used").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    a11y(page)
    # the code works once
    page.goto("/en/assembly/questionnaire")
    page.get_by_label("Your personal code").fill(made[0].code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_contain_text("already been used")


def test_an_official_runs_and_publishes_the_draw(page, a11y, db, site, promotion, official, tmp_path):
    made = _letters(db, site, promotion, official, tmp_path)
    rng = random.Random(5)
    for letter in made[:120]:
        questionnaire.submit(db, site, letter.code, answers(site, rng), locale="en")
    db.commit()
    _sign_in(page, official.email)
    page.goto(f"/en/admin/assembly/{promotion.public_id}/colleges/roll")
    expect(page.get_by_role("heading", level=1)).to_have_text("College A: drawn from the electoral roll")
    a11y(page)
    page.get_by_label("Date and time of the draw").fill("2030-07-01T18:00")
    page.get_by_label("Place", exact=True).fill("Hôtel de Ville")
    page.get_by_label("Source of the public random inputs").fill("EuroMillions of Friday 27 June 2030")
    page.get_by_role("button", name="Announce the draw").click()
    expect(page.get_by_role("status")).to_contain_text("announced on its public page")
    a11y(page)
    page.get_by_label("Public random inputs").fill("2030-06-27 EuroMillions 4 18 23 37 45 * 2 9")
    page.get_by_label("Supervising bailiff").fill("Maître Camille Exemple")
    page.get_by_role("button", name="Draw", exact=True).click()
    # The draw runs as a job: its page follows it (seconds, more on a loaded machine), then goes on.
    expect(page.get_by_role("heading", level=1)).to_have_text("Draw of the Assembly")
    expect(page.get_by_role("status")).to_contain_text("The draw is done", timeout=90_000)
    a11y(page)
    page.get_by_role("button", name="Verify the draw").click()  # a job: its page, then back here
    verified = page.get_by_role("heading", name="The draw matches its published inputs.")
    expect(verified).to_be_visible(timeout=90_000)
    page.get_by_role("button", name="Publish the result").click()
    expect(page.get_by_role("status")).to_contain_text("The result is published")
    page.get_by_role("link", name="Report for the bailiff").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Procès-verbal du tirage au sort")
    a11y(page)
    page.go_back()
    page.get_by_role("link", name="Public page").click()
    expect(page.get_by_text("Ranked reserve:")).to_be_visible()
    a11y(page)


def test_a_member_sees_their_meetings_and_pay_statement(page, a11y, db, site, promotion, make_account):
    member = make_account(email="member@example.org", given_name="Maëlle", family_name="Membre")
    bodies.add_member(db, site, promotion.body, promotion.term, member.person, status=MembershipStatus.ACTIVE)
    start = datetime.combine(
        promotion.term.starts_on + timedelta(days=4), datetime.min.time(), UTC
    ) + timedelta(hours=16)
    past = bodies.add_meeting(
        db,
        site,
        promotion.body,
        title="Atelier Délibération, session 1",
        kind="workshop_day",
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        place="Hôtel de Ville",
    )
    bodies.record_attendance(db, past, {member.person_id: AttendanceStatus.PRESENT})
    soon = datetime.now(UTC) + timedelta(days=10)
    bodies.add_meeting(
        db,
        site,
        promotion.body,
        title="Plénière n° 2",
        kind="plenary",
        starts_at=soon,
        ends_at=soon + timedelta(hours=3),
        agenda="Validation des recommandations",
    )
    db.commit()
    _sign_in(page, member.email)
    page.goto("/en/assembly/me")
    expect(page.get_by_role("heading", level=1)).to_have_text("My space in the Citizens' Assembly")
    expect(page.get_by_text("Plénière n° 2")).to_be_visible()
    a11y(page)
    page.get_by_role("navigation", name="Members’ pages").get_by_role("link", name="My meetings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My meetings")
    expect(page.get_by_role("table", name="My past meetings and my attendance")).to_contain_text("Present")
    a11y(page)
    page.get_by_role("navigation", name="Members’ pages").get_by_role("link", name="My compensation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My compensation")
    expect(page.get_by_role("table").first).to_contain_text("€100.00")  # a Saturday counts two half-days
    a11y(page)
    page.goto("/fr/assembly/me/pay")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon indemnisation")
    page.goto("/ja/assembly/me/pay")
    expect(page.get_by_role("heading", level=1)).to_have_text("自分の謝礼")
    a11y(page)

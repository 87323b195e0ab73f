"""The councils in a real browser, in French, English and Japanese: a young resident applies to the
Youth Council, an official runs its parity draw and checks the public record, and the council files
its vœu while a second one in the same year is refused. Pages pass axe's WCAG 2.1 AA checks."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from parvis.bodies import services
from parvis.councils import applications as apps
from parvis.decisions import authoring
from parvis.identity import Gender
from parvis.testing import TEST_PASSWORD
from parvis.testing import translated as t

LOCALES = ["fr", "en", "ja"]


@pytest.fixture
def parvis_plugins():
    return ["youth_council", "europeans_council"]


@pytest.fixture
def youth(db, site):
    """The Youth Council with this year's term (calls fill it)."""
    today = site.today()
    body = services.create_body(db, site, "youth_council", "Conseil parisien de la jeunesse")
    services.add_term(db, body, "now", today - timedelta(days=30), today + timedelta(days=330))
    db.commit()
    return body


def sign_in(page, locale, account):
    page.goto(f"/{locale}/login")
    page.get_by_label(t(locale, "E-mail address")).fill(account.email)
    page.get_by_label(t(locale, "Password")).fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name=t(locale, "Sign in")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/(account|admin)"))  # officials land on their space


@pytest.mark.parametrize("locale", LOCALES)
def test_a_young_resident_applies(page, a11y, db, site, youth, make_account, locale):
    today = site.today()
    apps.create_call(
        db, youth, youth.terms[0], title="Appel 2027", opens_on=today, closes_on=today + timedelta(days=20)
    )
    db.commit()
    sign_in(page, locale, make_account(email=f"young-{locale}@example.org"))
    page.goto(f"/{locale}/youth-council")
    page.get_by_role("link", name=t(locale, "Apply"), exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(youth.name)
    a11y(page)
    page.get_by_label(t(locale, "Given name")).fill("Zoé")
    page.get_by_label(t(locale, "Family name")).fill("Martin")
    page.get_by_label(t(locale, "Date of birth")).fill(date(today.year - 19, 3, 4).isoformat())
    page.get_by_label(t(locale, "Woman"), exact=True).check()
    page.get_by_label(t(locale, "Why do you want to take part?")).fill("Agir pour mon quartier.")
    page.get_by_label(
        t(locale, "I agree that the City keeps my application and my details for the draw")
    ).check()
    page.get_by_role("button", name=t(locale, "Send my application")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(locale, "Your application is registered. Good luck!")
    )
    expect(page.get_by_role("button", name=t(locale, "Withdraw my application"))).to_be_visible()
    a11y(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_too_old_applicant_is_told_why(page, db, site, youth, make_account, locale):
    today = site.today()
    apps.create_call(
        db, youth, youth.terms[0], title="Appel", opens_on=today, closes_on=today + timedelta(days=20)
    )
    db.commit()
    sign_in(page, locale, make_account(email=f"old-{locale}@example.org"))
    page.goto(f"/{locale}/bodies/{youth.slug}/apply")
    page.get_by_label(t(locale, "Given name")).fill("Paul")
    page.get_by_label(t(locale, "Family name")).fill("Petit")
    page.get_by_label(t(locale, "Date of birth")).fill(date(today.year - 45, 1, 1).isoformat())
    page.get_by_label(t(locale, "Man"), exact=True).check()
    page.get_by_label(
        t(locale, "I agree that the City keeps my application and my details for the draw")
    ).check()
    page.get_by_role("button", name=t(locale, "Send my application")).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(t(locale, "You must be at most {age} years old.", age=30))


@pytest.mark.parametrize("locale", LOCALES)
def test_an_official_runs_the_parity_draw(page, a11y, db, site, youth, make_account, locale):
    today = site.today()
    call = apps.create_call(
        db,
        youth,
        youth.terms[0],
        title="Appel",
        opens_on=today - timedelta(days=20),
        closes_on=today - timedelta(days=1),
    )
    for number in range(6):
        gender = Gender.WOMAN if number % 2 else Gender.MAN
        person = make_account(birth_date=date(today.year - 20, 1, 1), gender=gender).person
        db.add(apps.Application(call_id=call.id, person_id=person.id))
    db.commit()
    sign_in(page, locale, make_account("official", email=f"official-{locale}@example.org"))
    page.goto(f"/{locale}/admin/bodies/{youth.slug}/calls/{call.public_id}")
    expect(page.get_by_text(t(locale, "{count} applications enter the draw.", count=6))).to_be_visible()
    a11y(page)
    page.get_by_label(t(locale, "Public values of the draw")).fill("2026-11-20 Loto 3 14 27 33 41 * 6")
    page.get_by_role("button", name=t(locale, "Run the draw")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(locale, "The draw is done: {count} applicants are invited to sit.", count=6),
        timeout=60_000,  # the draw runs as a job: a loaded machine is slow, not wrong
    )
    page.get_by_role("link", name=t(locale, "The public record of the draw")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(locale, "Checked again now from the published files: the result is the same.")
    )
    a11y(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_council_files_its_voeu_and_a_second_one_is_refused(
    page, a11y, db, site, youth, make_account, locale
):
    official = make_account("official", email=f"clerk-{locale}@example.org")
    term = youth.terms[0]
    voeux = []
    for title in ("Des terrains de sport ouverts le soir", "Un pass culture des 15-25 ans"):
        decision = authoring.create_decision(
            db, site, body=youth, term=term, decision_type="voeu", title=title, actor=None
        )
        decision.state = "validated"  # the members' plenary vote is the decisions' own journey
        voeux.append(decision)
    db.commit()
    sign_in(page, locale, official)
    page.goto(f"/{locale}/admin/decisions/{voeux[0].public_id}")
    page.get_by_role("button", name=t(locale, "Submit to {site.council:the}")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(locale, "The decision has moved to its next step.")
    )
    page.goto(f"/{locale}/admin/decisions/{voeux[1].public_id}")
    refused = page.locator(".refused").filter(has_text=t(locale, "Submit to {site.council:the}"))
    expect(refused).to_contain_text("“Des terrains de sport ouverts le soir”")
    expect(refused).to_contain_text(str(site.today().year + 1))
    expect(page.get_by_role("button", name=t(locale, "Submit to {site.council:the}"))).to_have_count(0)
    a11y(page)
    page.goto(f"/{locale}/bodies/{youth.slug}/report/{site.today().year}")
    expect(page.get_by_role("heading", level=3)).to_contain_text("Des terrains de sport ouverts le soir")
    a11y(page)

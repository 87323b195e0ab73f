"""The participatory budget in a real browser, in French, English and Japanese: submitting an
idea, voting (review then cast, receipt shown), and reading the results; axe-core on every page."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from parvis.db import utcnow
from parvis.plugins.budget.models import Ballot, PhaseKind
from parvis.plugins.budget.services import campaigns, projects, results
from parvis.plugins.budget.services.voting import pack
from parvis.testing import TEST_PASSWORD

LOCALES = ["fr", "en", "ja"]
TEXT = {
    "fr": {
        "idea_saved": "Merci\u202f! Votre idée est déposée",
        "review": "Vérifiez votre bulletin",
        "cast": "Votre bulletin",
        "results": "Résultats du Budget participatif",
        "winner": "Lauréat",
        "best": "Coup de cœur",
    },
    "en": {
        "idea_saved": "Thank you! Your idea is submitted",
        "review": "Check your ballot",
        "cast": "Your ballot",
        "results": "Results of the Budget participatif",
        "winner": "Winner",
        "best": "Love it",
    },
    "ja": {
        "idea_saved": "アイデアが提出されました",
        "review": "投票内容の確認",
        "cast": "あなたの票",
        "results": "の結果",
        "winner": "採択",
        "best": "大好き",
    },
}
DAY = timedelta(days=1)


def phases(current: str):
    now = utcnow()
    vote = {
        "ideas": (now + 30 * DAY, now + 50 * DAY),
        "vote": (now - DAY, now + 10 * DAY),
        "closed": (now - 10 * DAY, now - timedelta(hours=1)),
    }[current]
    ideas = (now - DAY, now + 20 * DAY) if current == "ideas" else (vote[0] - 40 * DAY, vote[0] - 20 * DAY)
    return {PhaseKind.IDEAS: ideas, PhaseKind.VOTE: vote}


def campaign_with_projects(db, site, current: str, slug: str, count: int = 3):
    campaign = campaigns.create_campaign(
        db,
        site,
        slug=slug,
        year=2026,
        title="Budget participatif 2026",
        total=10_000_000_00,
        phases=phases(current),
    )
    made = []
    for n in range(count):
        project = projects.create_project(
            db,
            site,
            campaign,
            projects.ProjectInput(
                f"Jardin partagé {n + 1}", "Planter et partager.", "city", "environment", cost=50_000_00
            ),
        )
        projects.put_on_ballot(db, project)
        made.append(project)
    db.commit()
    return campaign, made


def sign_in(page, account, locale: str) -> None:
    page.goto(f"/{locale}/login")
    page.locator("#f-email").fill(account.email)
    page.locator("#f-password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{locale}/account"))


def resident(make_account):
    return make_account(birth_date=date(1984, 6, 1), resident=True, district="11")


@pytest.mark.parametrize("locale", LOCALES)
def test_submit_an_idea(page, a11y, db, site, make_account, locale):
    campaign, _made = campaign_with_projects(db, site, "ideas", f"idees-{locale}", count=0)
    sign_in(page, resident(make_account), locale)
    page.goto(f"/{locale}/budget/{campaign.slug}")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    a11y(page)
    page.locator(f"a[href='/{locale}/budget/{campaign.slug}/ideas/new']").first.click()
    a11y(page)
    page.locator("#f-title").fill("Des fontaines à boire")
    page.locator("#f-description").fill("Installer des fontaines d'eau potable dans les squares du quartier.")
    page.locator("#f-level").select_option("11")
    page.locator("#f-place").fill("Square Maurice-Gardette")
    page.locator("#f-theme").select_option("environment")
    page.locator("main form.stacked button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text(TEXT[locale]["idea_saved"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Des fontaines à boire")
    a11y(page)
    page.goto(f"/{locale}/budget/{campaign.slug}/ideas?district=11")
    expect(page.locator("main")).to_contain_text("Des fontaines à boire")
    a11y(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_vote_review_and_cast(page, a11y, db, site, make_account, locale):
    campaign, made = campaign_with_projects(db, site, "vote", f"vote-{locale}")
    sign_in(page, resident(make_account), locale)
    page.goto(f"/{locale}/budget/{campaign.slug}/vote")
    a11y(page)
    page.locator(f"a[href='/{locale}/budget/{campaign.slug}/vote/city']").click()
    expect(page.locator("fieldset.ballot-project")).to_have_count(3)
    a11y(page)
    page.locator(f"#g-{made[0].public_id}-3").check(force=True)
    page.locator(f"#g-{made[1].public_id}-1").check(force=True)
    page.locator("form.ballot button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TEXT[locale]["review"])
    expect(page.locator("main table")).to_contain_text(TEXT[locale]["best"])
    a11y(page)
    page.locator(f"form[action='/{locale}/budget/{campaign.slug}/vote/city/cast'] button").click()
    expect(page.locator(".receipt-code")).to_have_text(re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    expect(page.get_by_role("status")).to_contain_text(TEXT[locale]["cast"])
    a11y(page)
    db.expire_all()
    assert db.query(Ballot).count() == 1


def test_the_ballot_works_on_a_phone_with_the_keyboard(browser, live_server, a11y, db, site, make_account):
    campaign, made = campaign_with_projects(db, site, "vote", "vote-phone")
    context = browser.new_context(
        base_url=live_server, bypass_csp=True, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    try:
        sign_in(page, resident(make_account), "en")
        page.goto(f"/en/budget/{campaign.slug}/vote/city")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, "no horizontal scrolling on a phone"
        first = page.locator(f"#g-{made[0].public_id}-3")
        first.focus()
        page.keyboard.press("Space")
        expect(first).to_be_checked()
        a11y(page)
    finally:
        context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_read_the_results(page, a11y, db, site, locale, monkeypatch):
    monkeypatch.setattr(site.config.map, "tile_url", "")  # no tile server here: a plain background
    campaign, made = campaign_with_projects(db, site, "closed", f"resultats-{locale}")
    made[0].latitude, made[0].longitude = 48.8412, 2.3601
    db.add_all(
        Ballot(
            id=secrets.token_hex(16),
            campaign_id=campaign.id,
            level="city",
            grades=pack(grades),
            receipt_hash=secrets.token_hex(32),
            cast_on=date(2026, 10, 1),
        )
        for grades in ([3, 1, 0], [3, 2, 1], [2, 2, 0], [3, 0, 2])
    )
    db.commit()
    results.publish(db, site, campaign)
    db.commit()
    page.goto(f"/{locale}/budget/{campaign.slug}/results")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TEXT[locale]["results"])
    expect(page.locator("main")).to_contain_text(made[0].title)
    a11y(page)
    page.locator(f"main a[href='/{locale}/budget/{campaign.slug}/results/city']").first.click()
    expect(page.locator("svg.merit-bar")).to_have_count(3)
    expect(page.locator("main")).to_contain_text(TEXT[locale]["winner"])
    expect(page.locator("svg.merit-bar").first).to_have_attribute(
        "aria-label", re.compile(TEXT[locale]["best"])
    )
    a11y(page)
    # The winners' realisation: a map of those with a place, above the table of all of them.
    page.goto(f"/{locale}/budget/{campaign.slug}/realisations")
    expect(page.locator("#realisations-map path.leaflet-interactive")).to_have_count(1)
    zoom_in = {"fr": "Zoomer", "en": "Zoom in", "ja": "拡大"}[locale]
    expect(page.locator("#realisations-map .leaflet-control-zoom-in")).to_have_attribute("title", zoom_in)
    expect(page.locator("main table")).to_contain_text(made[0].title)
    a11y(page)

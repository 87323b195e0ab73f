"""The right to follow-up in a real browser: a visitor finds a recommendation's status from the home
page in French, English and Japanese; filters update in place; an official records a milestone and
the public page shows it. Pages pass axe's WCAG 2.1 AA checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from parvis.demo import DEMO_PASSWORD
from parvis.testing import translated as t

LOCALES = ["fr", "en", "ja"]


@pytest.fixture
def parvis_plugins():
    return ["assembly"]  # the past recommendations are the Citizens' Assembly's


@pytest.mark.parametrize("locale", LOCALES)
def test_a_visitor_finds_a_recommendations_status_from_the_home_page(page, a11y, followup_demo, locale):
    page.goto(f"/{locale}/")
    page.locator("main").get_by_role("link", name=t(locale, "Follow the recommendations")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/follow-up$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "Right to follow-up"))
    a11y(page)
    page.get_by_role(
        "link", name=t(locale, "See the follow-up of {body}", body="Assemblée citoyenne de Paris")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(t(locale, "Right to follow-up"))
    expect(page.get_by_role("table", name=t(locale, "How far the measures have gone"))).to_be_visible()
    a11y(page)
    page.get_by_role("link", name="Un plan parisien de la lecture").click()
    # The French title, followed by "(in French)" on English and Japanese pages (no translation yet).
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Un plan parisien de la lecture"))
    status = page.locator(".status-panel")
    expect(status).to_contain_text(t(locale, "In progress"))
    expect(status.get_by_role("progressbar")).to_have_attribute("value", "60")
    expect(page.get_by_role("heading", name=t(locale, "History"))).to_be_visible()
    a11y(page)


def test_filters_update_the_results_in_place_and_the_address(page, followup_demo):
    page.goto("/en/bodies/citizens-assembly/follow-up")
    page.get_by_label("Status").select_option("done")
    expect(page).to_have_url(re.compile(r"status=done"))
    expect(page.locator("#tracker [role=status]")).to_have_text(re.compile(r"^1 decision shown$"))
    expect(page.get_by_role("link", name="Rédiger un Code de la rue partagé")).to_be_visible()
    expect(page.get_by_role("link", name="Des rues jardins")).to_have_count(0)
    page.locator("#main").get_by_label("Search", exact=True).fill("renovation")
    page.get_by_label("Status").select_option("")
    expect(page.locator("#tracker [role=status]")).to_have_text(re.compile(r"^1 decision shown$"))
    expect(page).to_have_url(re.compile(r"q=renovation.*status=&"))  # the same count as before: wait
    page.go_back()
    expect(page).to_have_url(re.compile(r"status=done"))


def test_an_official_records_a_milestone_and_the_public_page_shows_it(page, a11y, followup_demo):
    page.goto("/en/login")
    page.get_by_label("E-mail address").fill("official@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/(account|admin)"))  # officials land on their space
    page.goto(f"/en/admin/decisions/{followup_demo.public_id}")
    page.get_by_role("link", name="Record the follow-up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Follow-up:")
    a11y(page)
    page.get_by_label("Milestone", exact=True).fill("Quatrième vague : boîtes dans les cours Oasis")
    page.get_by_label("Planned for").fill("2026-05-15")
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.get_by_role("status")).to_have_text("The milestone is added.")
    page.goto("/en/account")
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"/en/decisions/{followup_demo.public_id}")
    milestones = page.locator("section", has=page.get_by_role("heading", name="Milestones"))
    expect(milestones).to_contain_text("Quatrième vague : boîtes dans les cours Oasis")
    expect(milestones).to_contain_text("planned for May 15, 2026")
    expect(page.locator(".timeline")).to_contain_text("Milestone added: Quatrième vague")

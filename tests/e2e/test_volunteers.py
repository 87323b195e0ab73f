"""Volunteering in a real browser, in French, English and Japanese: search with filters (htmx,
shareable address), list and map, sign-up, the waiting list and the automatic promotion."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from parvis.plugins.volunteers import catalogue
from parvis.plugins.volunteers.catalogue import MissionInput
from parvis.plugins.volunteers.models import MissionKind, MissionStatus, Organisation
from parvis.plugins.volunteers.schedule import one_off
from parvis.testing import TEST_PASSWORD, translated

LOCALES = ["fr", "en", "ja"]


@pytest.fixture
def parvis_plugins() -> list[str]:
    return ["volunteers"]


@pytest.fixture(autouse=True)
def offline_map(site, monkeypatch):
    """No tile server in tests: the map shows its pins on a plain background."""
    monkeypatch.setattr(site.config.map, "tile_url", "")


def t(locale: str, message: str, domain: str = "volunteers", **values: object) -> str:
    """A message as the pages show it: the volunteers' own wording first, core's for core pages."""
    return translated(locale, message, domain, **values)


@pytest.fixture
def missions(db, site):
    organisation = Organisation(slug="amis", name="Les Amis du Canal")
    db.add(organisation)
    db.flush()
    start = (datetime.now(UTC) + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)

    def make(title, theme, district, capacity, lat, lon, kind=MissionKind.ONE_OFF, days=0):
        begins = start + timedelta(days=days)
        data = MissionInput(
            title=title,
            description=f"{title}: une mission de test.",
            theme=theme,
            kind=kind,
            capacity=capacity,
            occurrences=one_off(begins, begins + timedelta(hours=2)),
            place_name="Maison des associations",
            district=None if kind == MissionKind.REMOTE else district,
            latitude=lat,
            longitude=lon,
        )
        mission = catalogue.create_mission(db, site, organisation, data, None)
        mission.status = MissionStatus.PUBLISHED
        return mission

    found = {
        "canal": make("Nettoyage des berges du canal", "environment", "10", 20, 48.872, 2.365),
        "jardin": make("Jardin partagé de Belleville", "environment", "20", 10, 48.871, 2.385, days=1),
        "repas": make("Distribution de repas chauds", "solidarity", "18", 1, 48.892, 2.348, days=2),
        "visio": make("Soutien scolaire en visio", "education", None, 5, None, None, MissionKind.REMOTE),
    }
    db.commit()
    return found


def sign_in(page, locale, account):
    page.goto(f"/{locale}/login")
    page.get_by_label(t(locale, "E-mail address", "parvis")).fill(account.email)
    page.get_by_label(t(locale, "Password", "parvis")).fill(TEST_PASSWORD)
    page.get_by_role("button", name=t(locale, "Sign in", "parvis")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/account"))


def sign_out(page, locale):
    page.get_by_role("button", name=t(locale, "Sign out")).click()


@pytest.mark.parametrize("locale", LOCALES)
def test_search_with_filters_updates_the_results_and_the_address(page, a11y, missions, locale):
    page.goto(f"/{locale}/volunteers")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "Volunteer missions"))
    results = page.locator("#results")
    expect(results.locator(".vol-card")).to_have_count(4)
    a11y(page)
    page.get_by_label(t(locale, "Keywords")).fill("berges")
    expect(results.locator(".vol-card")).to_have_count(1)
    expect(results).to_contain_text("Nettoyage des berges du canal")
    expect(page).to_have_url(re.compile(r"q=berges"))  # htmx pushed the shareable address
    page.get_by_label(t(locale, "Keywords")).fill("")
    page.get_by_label(t(locale, "Theme")).select_option("environment")
    expect(results.locator(".vol-card")).to_have_count(2)
    page.get_by_label(t(locale, "{site.district:Name}"), exact=True).select_option("20")
    expect(results.locator(".vol-card")).to_have_count(1)
    expect(results).to_contain_text("Jardin partagé de Belleville")
    expect(page).to_have_url(re.compile(r"theme=environment&district=20|district=20.*theme=environment"))
    expect(page.locator("#results-announce")).to_have_text(t(locale, "{count} mission found", count=1))
    # The address is shareable: opening it again shows the same search.
    page.goto(page.url)
    expect(page.get_by_label(t(locale, "Theme"))).to_have_value("environment")
    expect(results.locator(".vol-card")).to_have_count(1)
    a11y(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_switch_between_list_and_map(page, a11y, missions, locale):
    page.goto(f"/{locale}/volunteers?theme=environment")
    views = page.get_by_role("navigation", name=t(locale, "Display"))
    views.get_by_role("link", name=t(locale, "Map")).click()
    expect(page).to_have_url(re.compile(r"view=map"))
    expect(page).to_have_url(re.compile(r"theme=environment"))  # the filters stay
    map_region = page.get_by_role("region", name=t(locale, "Map of the missions found"))
    expect(map_region).to_be_visible()
    expect(page.locator("#vol-map path.leaflet-interactive, #vol-map .marker-cluster")).not_to_have_count(0)
    expect(page.locator("#results .vol-card")).to_have_count(2)  # the list stays: the text alternative
    a11y(page)
    # Filters update the map through htmx too.
    page.get_by_label(t(locale, "{site.district:Name}"), exact=True).select_option("10")
    expect(page.locator("#results .vol-card")).to_have_count(1)
    expect(page.locator("#vol-map path.leaflet-interactive")).to_have_count(1)
    views.get_by_role("link", name=t(locale, "List")).click()
    expect(page).not_to_have_url(re.compile(r"view=map"))
    expect(page.locator("#vol-map")).to_have_count(0)


@pytest.mark.parametrize("locale", LOCALES)
def test_sign_up_get_waitlisted_then_promoted(page, a11y, missions, make_account, locale):
    mission = missions["repas"]
    first = make_account(email=f"first-{locale}@example.org")
    second = make_account(email=f"second-{locale}@example.org")
    sign_in(page, locale, first)
    page.goto(f"/{locale}/volunteers/missions/{mission.public_id}")
    expect(page.get_by_text(t(locale, "Be the first to act!"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^" + re.escape(t(locale, "Sign up")))).click()
    thanks = t(locale, "You are signed up. Thank you for your commitment!")
    expect(page.get_by_role("status")).to_contain_text(thanks)
    full = t(locale, "Already {taken} / {capacity} participants!", taken=1, capacity=1)
    expect(page.get_by_text(full)).to_be_visible()
    a11y(page)
    sign_out(page, locale)

    sign_in(page, locale, second)
    page.goto(f"/{locale}/volunteers/missions/{mission.public_id}")
    page.get_by_role("button", name=re.compile("^" + re.escape(t(locale, "Join the waiting list")))).click()
    waiting = t(locale, "You are on the waiting list (position {position}).", position=1)
    expect(page.get_by_text(waiting)).to_be_visible()
    sign_out(page, locale)

    sign_in(page, locale, first)
    page.goto(f"/{locale}/volunteers/me")
    page.get_by_role("button", name=re.compile("^" + re.escape(t(locale, "Cancel")))).click()
    expect(page.get_by_role("status")).to_contain_text(t(locale, "Your sign-up is cancelled."))
    sign_out(page, locale)

    sign_in(page, locale, second)
    page.goto(f"/{locale}/volunteers/me")
    news = page.get_by_role("region", name=re.compile(re.escape(t(locale, "News"))))
    expect(news).to_contain_text(mission.title)
    expect(page.get_by_role("table")).to_contain_text(t(locale, "Signed up"))
    a11y(page)

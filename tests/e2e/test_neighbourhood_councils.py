"""Neighbourhood councils and Beautify your neighbourhood in a real browser, in French, English
and Japanese: a resident finds their council from their address (a stub geocoder) and joins it;
an official of one district cannot touch another's; a resident contributes to a diagnostic and
later sees the published works on the map."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from parvis.api import maps
from parvis.api.moderation import decide
from parvis.auth import load_actor
from parvis.plugins.neighbourhood_councils import beautify, services
from parvis.plugins.neighbourhood_councils.models import Category, Contribution, Phase
from parvis.testing import TEST_PASSWORD, translated

LOCALES = ["fr", "en", "ja"]
DOMAIN = "neighbourhood_councils"


@pytest.fixture
def parvis_plugins() -> list[str]:
    return ["neighbourhood_councils"]


@pytest.fixture(autouse=True)
def offline_map(site, monkeypatch):
    """No tile server in tests: the map shows its pins on a plain background."""
    monkeypatch.setattr(site.config.map, "tile_url", "")


def t(locale: str, message: str, domain: str = DOMAIN, **values: object) -> str:
    return translated(locale, message, domain, **values)


def sign_in(page, locale, account):
    page.goto(f"/{locale}/login")
    page.get_by_label(t(locale, "E-mail address", "parvis")).fill(account.email)
    page.get_by_label(t(locale, "Password", "parvis")).fill(TEST_PASSWORD)
    page.get_by_role("button", name=t(locale, "Sign in", "parvis")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/(account|admin)"))  # officials land on their space


@pytest.fixture
def two_districts(site):
    codes = [
        d.code for d in site.config.districts if any(n.district == d.code for n in site.config.neighbourhoods)
    ]
    return codes[0], codes[1]


@pytest.fixture
def councils(db, site, two_districts):
    mine, other = two_districts
    found = {}
    for district, name in ((mine, "Conseil des Lilas"), (other, "Conseil des Tilleuls")):
        hood = next(n.code for n in site.config.neighbourhoods if n.district == district)
        found[district] = services.create_council(
            db,
            site,
            name=name,
            district=district,
            neighbourhoods=[hood],
            charter="Article 1. Nous nous respectons.\nArticle 2. Les réunions sont publiques.",
            **dict(zip(("latitude", "longitude"), (48.86, 2.35), strict=True)),
        )
    db.commit()
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_a_resident_finds_and_joins_their_council(
    page, a11y, live_server, make_account, councils, two_districts, site, geocoder, locale
):
    mine, _other = two_districts
    (hood,) = councils[mine].neighbourhoods
    inside = maps.shapes_of(site).of("neighbourhood")[hood].representative_point()
    geocoder.answers["3 rue des lilas"] = (inside.y, inside.x)  # the stub geocoder finds it there
    resident = make_account(district=mine)
    sign_in(page, locale, resident)
    page.goto(f"/{locale}/neighbourhood-councils")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "Neighbourhood councils"))
    expect(page.locator("#nbhd-map path.leaflet-interactive, #nbhd-map .marker-cluster")).not_to_have_count(0)
    a11y(page)
    page.get_by_label(t(locale, "Or your address")).fill("3 rue des lilas")
    page.get_by_role("button", name=t(locale, "Find your council")).click()
    found = page.get_by_role("status")  # where the address is, and the councils whose perimeter holds it
    expect(found).to_contain_text(site.config.neighbourhood(hood).name)
    expect(page.get_by_role("link", name="Conseil des Tilleuls", exact=True)).to_have_count(0)
    a11y(page)
    found.get_by_role("link", name="Conseil des Lilas", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conseil des Lilas")  # and "(in French)"
    a11y(page)
    page.get_by_role("link", name=t(locale, "Join this council")).click()
    expect(page.get_by_text("Article 2. Les réunions sont publiques.")).to_be_visible()
    a11y(page)
    page.get_by_label(t(locale, "I live there")).check()
    page.get_by_label(t(locale, "I have read the charter and I sign it")).check()
    page.get_by_role("button", name=t(locale, "Join the council")).click()
    expect(
        page.get_by_text(
            t(locale, "You are a member of this council (charter version {version}).", version=1)
        )
    ).to_be_visible()
    a11y(page)
    page.get_by_role("button", name=t(locale, "Leave the council")).click()
    expect(page.get_by_role("link", name=t(locale, "Join this council"))).to_be_visible()


@pytest.mark.parametrize("locale", LOCALES)
def test_an_official_of_one_district_cannot_touch_anothers(
    page, a11y, live_server, make_account, councils, two_districts, locale
):
    mine, other = two_districts
    official = make_account(district_roles={mine: "official"})
    sign_in(page, locale, official)
    page.goto(f"/{locale}/admin/neighbourhood-councils")
    expect(page.get_by_role("link", name="Conseil des Lilas", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Conseil des Tilleuls", exact=True)).to_have_count(0)
    a11y(page)
    page.get_by_role("link", name="Conseil des Lilas", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conseil des Lilas")  # and "(in French)"
    a11y(page)
    response = page.goto(f"/{locale}/admin/neighbourhood-councils/{councils[other].slug}")
    assert response is not None and response.status == 403
    response = page.goto(f"/{locale}/admin/neighbourhood-councils/{councils[other].slug}/edit")
    assert response is not None and response.status == 403
    page.goto(f"/{locale}/admin/neighbourhood-councils/new")
    options = page.locator("#f-district option:not([value=''])")  # beside the empty "Choose…"
    expect(options).to_have_count(1)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_resident_contributes_then_sees_the_works_on_the_map(
    page, a11y, live_server, db, site, make_account, two_districts, locale
):
    mine, _other = two_districts
    hood = next(n.code for n in site.config.neighbourhoods if n.district == mine)
    year = site.today().year
    programme = beautify.create_programme(
        db,
        site,
        title="Embellir les Lilas",
        neighbourhood=hood,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    db.commit()
    resident = make_account(district=mine)
    sign_in(page, locale, resident)
    page.goto(f"/{locale}/beautify/{programme.slug}")
    a11y(page)
    page.get_by_role("link", name=t(locale, "Point out a place to improve")).click()
    page.get_by_label(t(locale, "Category")).select_option("greenery")
    page.get_by_label(t(locale, "Place")).fill("Square des Lilas")
    page.get_by_label(t(locale, "What would you change, and why?")).fill("Planter des arbres fruitiers.")
    a11y(page)
    page.get_by_role("button", name=t(locale, "Send my contribution")).click()
    expect(
        page.get_by_text(t(locale, "Thank you! Your contribution will be shown once the team has read it."))
    ).to_be_visible()
    # Hidden from the public until approved: only its author sees it, awaiting approval.
    expect(page.locator("section[aria-labelledby=own-title]")).to_contain_text("Square des Lilas")
    expect(page.locator("section[aria-labelledby=contributions-title]")).not_to_contain_text(
        "Square des Lilas"
    )
    # Later: the district approves it (core's moderation), moves on to the works and publishes them.
    db.rollback()
    contribution = db.scalar(select(Contribution))
    official = make_account(district_roles={mine: "official"})
    decide(db, site, load_actor(db, official), beautify.ref(contribution), "approve", reason="OK")
    beautify.advance(programme, Phase.DIAGNOSTIC)
    beautify.advance(programme, Phase.WORKS)
    beautify.add_operation(
        db,
        programme,
        title="Plantation de six arbres",
        place="Square des Lilas",
        category=Category.GREENERY,
        starts_on=date(year, 4, 1),
        ends_on=date(year, 4, 20),
        latitude=48.87,
        longitude=2.38,
    )
    db.commit()
    page.goto(f"/{locale}/beautify/{programme.slug}")
    expect(page.get_by_role("table", name=t(locale, "Timeline of the works"))).to_contain_text(
        "Plantation de six arbres"
    )
    expect(page.locator("#works-map path.leaflet-interactive, #works-map .marker-cluster")).not_to_have_count(
        0
    )
    expect(page.get_by_text("Planter des arbres fruitiers.")).to_be_visible()
    a11y(page)

"""Site search in a real browser, in French, English and Japanese: the header's search box finds a
mission by a word of its description (a plural, an inflection, a word inside a Japanese sentence),
the results page announces its count and leads to the mission."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from parvis.api.content import ContentRef
from parvis.api.content_translations import translatable_kinds
from parvis.api.search import reindex
from parvis.content_translations.service import set_original
from parvis.i18n import ngettext, use_locale
from parvis.plugins.volunteers import catalogue
from parvis.plugins.volunteers.catalogue import MissionInput
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.models import MissionKind, MissionStatus, Organisation
from parvis.plugins.volunteers.schedule import one_off
from parvis.plugins.volunteers.translations import MISSION as TRANSLATED_MISSION
from parvis.testing import translated as t

# (title, description, what a resident types)
MISSIONS = {
    "fr": ("Coup de main au square", "Nous cherchons des bénévoles pour arroser les potagers.", "potager"),
    "en": ("A hand in the square", "We need volunteers to prune the community orchards.", "orchard"),
    "ja": ("広場のお手伝い", "地域の花壇の手入れを一緒にしませんか。", "花壇"),
}


@pytest.fixture
def parvis_plugins() -> list[str]:
    return ["volunteers"]


@pytest.fixture
def mission(db, site, locale):
    title, description, _word = MISSIONS[locale]
    organisation = Organisation(slug="voisins", name="Les Voisins")
    db.add(organisation)
    db.flush()
    start = (datetime.now(UTC) + timedelta(days=4)).replace(minute=0, second=0, microsecond=0)
    data = MissionInput(
        title=title,
        description=description,
        theme="environment",
        kind=MissionKind.ONE_OFF,
        capacity=8,
        occurrences=one_off(start, start + timedelta(hours=2)),
        place_name="Square",
        district="11",
    )
    found = catalogue.create_mission(db, site, organisation, data, None)
    found.status = MissionStatus.PUBLISHED
    # Typed in the page's language: the mission says so, and pages mark its texts with it.
    set_original(db, site, translatable_kinds(site)[TRANSLATED_MISSION], found, locale)
    db.flush()
    reindex(db, site, ContentRef(MISSION, found.public_id))
    db.commit()
    return found


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_search_finds_a_mission_by_a_word_of_its_description(page, a11y, mission, locale):
    title, _description, word = MISSIONS[locale]
    page.goto(f"/{locale}/")
    page.get_by_role("search", name=t(locale, "Search the site")).get_by_label(
        t(locale, "Search the site")
    ).fill(word)
    page.keyboard.press("Enter")
    with use_locale(locale):
        count = ngettext("{count} result", "{count} results", 1).format(count=1)
    expect(page.get_by_role("status")).to_have_text(count)
    result = page.get_by_role("link", name=title)
    expect(result).to_be_visible()
    expect(page.locator(".search-excerpt mark").first).to_contain_text(word, ignore_case=True)
    a11y(page)
    result.click()
    # The mission's title, which officials' content translations may follow with "(in French)".
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^" + re.escape(title)))

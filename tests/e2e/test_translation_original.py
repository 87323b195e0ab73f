"""An official says a body's texts were typed in English, in a real browser in French, English and
Japanese: French and Japanese pages then show the original marked lang="en" with "(in English)",
or its translation. Every page passes the suite's checks, the lang of officials' texts included."""

from __future__ import annotations

import re

import pytest
from babel import Locale
from playwright.sync_api import expect

from parvis.bodies import services
from parvis.testing import TEST_PASSWORD
from parvis.testing import translated as t

LOCALES = ["fr", "en", "ja"]
NAME = "Council of Samples"
DESCRIPTION = "Residents drawn by lot who test every page."


@pytest.fixture
def parvis_plugins():
    return ["youth_council"]


def english(locale: str) -> str:
    return Locale.parse("en").get_display_name(locale)


@pytest.fixture
def body(db, site):
    """A body whose texts an official typed in English on the French site."""
    found = services.create_body(db, site, "youth_council", NAME, DESCRIPTION)
    db.commit()
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_an_official_marks_a_bodys_texts_as_english(page, a11y, db, site, body, make_account, locale):
    official = make_account("official", email=f"official-{locale}@example.org")
    page.goto(f"/{locale}/login")
    page.get_by_label(t(locale, "E-mail address")).fill(official.email)
    page.get_by_label(t(locale, "Password")).fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name=t(locale, "Sign in")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/(account|admin)"))

    page.goto(f"/{locale}/admin/translations/core.body/{body.id}")
    expect(page.locator('[name="name__en"]')).to_have_count(1)  # French is the default original
    page.get_by_label(t(locale, "Language of the original")).select_option("en")
    page.get_by_role("button", name=t(locale, "Change the language of the original")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t(locale, "The original is now marked as written in {language}.", language=english(locale))
    )
    expect(page.locator("blockquote[lang=en]").first).to_contain_text(NAME)
    expect(page.locator('[name="name__en"]')).to_have_count(0)
    a11y(page)
    page.locator('[name="name__ja"]').fill("サンプル評議会")
    page.get_by_role("button", name=t(locale, "Save the translations")).click()
    expect(page.get_by_role("status").first).to_contain_text(t(locale, "The translations are saved."))

    page.goto(f"/fr/bodies/{body.slug}")
    heading = page.get_by_role("heading", level=1)
    expect(heading.locator("span[lang=en]")).to_have_text(NAME)
    expect(heading).to_contain_text(t("fr", "(in {language})", language=english("fr")))
    a11y(page)
    page.goto(f"/ja/bodies/{body.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text("サンプル評議会")
    expect(page.locator("span[lang=en]", has_text=DESCRIPTION)).to_be_visible()
    expect(page.get_by_text(t("ja", "(in {language})", language=english("ja"))).first).to_be_visible()
    a11y(page)
    page.goto(f"/en/bodies/{body.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator("h1 [lang]")).to_have_count(0)
    a11y(page)

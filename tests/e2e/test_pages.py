"""An official writes a page in two languages, previews it, publishes it in the footer, and a
visitor opens it from the footer (in each language, every page checked for accessibility)."""

import re

import pytest
from playwright.sync_api import expect

from parvis.i18n import _, language_name, use_locale
from parvis.testing import TEST_PASSWORD

TEXTS = {
    "fr": ("Venir à la mairie", "Le bâtiment est **accessible** en fauteuil roulant."),
    "en": ("Coming to the town hall", "The building is **accessible** by wheelchair."),
    "ja": ("庁舎へのアクセス", "建物は**車いす**で利用できます。"),
}
OTHER = {"fr": "en", "en": "fr", "ja": "en"}


def text(locale, message, **values):
    with use_locale(locale):
        return _(message).format(**values)


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_an_official_publishes_a_page_in_the_footer_and_a_visitor_reads_it(page, a11y, make_account, locale):
    make_account("official", email="official@example.org")
    page.goto(f"/{locale}/login")
    page.locator("#f-email").fill("official@example.org")
    page.locator("#f-password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/{locale}/admin"))
    page.get_by_role("link", name=text(locale, "Pages"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text(locale, "Pages"))
    a11y(page)

    page.get_by_role("link", name=text(locale, "Write a new page")).click()
    title, body = TEXTS[locale]
    page.get_by_label(text(locale, "Title")).fill(title)
    page.get_by_label(text(locale, "Address")).fill("town-hall")
    page.get_by_role("button", name=text(locale, "Create the page")).click()
    expect(page.get_by_role("status")).to_contain_text(text(locale, "The page is created, as a draft."))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    other = OTHER[locale]
    page.locator(f"#f-body_{locale}").fill(body)
    page.locator(f"#f-title_{other}").fill(TEXTS[other][0])
    page.locator(f"#f-body_{other}").fill(TEXTS[other][1])
    page.get_by_label(text(locale, "Link it in the footer")).check()
    page.get_by_label(text(locale, "Order")).fill("5")
    a11y(page)
    page.get_by_role("button", name=text(locale, "Save the draft")).click()
    expect(page.get_by_role("status")).to_contain_text(
        text(locale, "Your changes are saved. Visitors see them once you publish the page.")
    )

    name = language_name(locale)
    page.get_by_role("link", name=text(locale, "Preview in {language}", language=name)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("main").locator("strong")).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text(
        text(locale, "Preview: visitors do not see this version until the page is published.")
    )
    a11y(page)
    page.get_by_role("link", name=text(locale, "Back to editing")).click()
    page.get_by_role("button", name=text(locale, "Publish"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(text(locale, "The page is published."))
    page.locator("form[action$='/logout'] button").click()

    page.goto(f"/{locale}/")
    page.get_by_role("contentinfo").get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(f"/{locale}/pages/town-hall$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    a11y(page)
